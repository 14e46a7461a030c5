#pragma once
// Helpers shared by the harnesses: the input as text, cut into lines so that the seed corpora
// stay readable (a harness that needs several strings takes one per line, the rest as a body).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace moderno::fuzz {

// The fuzzer's bytes as a string_view.
inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Removes and returns the first line of `rest` (without its '\n'); all of it when there is none.
inline std::string_view TakeLine(std::string_view& rest) {
  const std::size_t eol = rest.find('\n');
  const std::string_view line = rest.substr(0, eol);
  rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
  return line;
}

// Stops the run: a property the harness checks does not hold (libFuzzer saves the input).
[[noreturn]] inline void Violated() { __builtin_trap(); }

}  // namespace moderno::fuzz
