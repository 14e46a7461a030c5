// The fake Webpay as a process of its own, for the browser suite: `moderno_fake_webpay PORT`
// serves on 127.0.0.1:PORT until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "fake_webpay.hpp"

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's thread starts
  const int port = argc > 1 ? std::atoi(argv[1]) : 0;
  moderno::testing::FakeWebpay fake(static_cast<std::uint16_t>(port));
  std::printf("fake webpay on %s\n", fake.BaseUrl().c_str());
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  return 0;
}
