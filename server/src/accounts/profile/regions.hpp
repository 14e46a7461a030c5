#pragma once
// The 16 regions of Chile (since Ñuble was created in 2018), north to south, with their
// ISO 3166-2:CL codes and the other spellings customers type. Addresses in Chile store the
// canonical name, so that shipping rates and reports group one region under one spelling.
#include <array>
#include <string_view>

namespace moderno::accounts::profile {

// One region: ISO 3166-2 code, canonical name, and accepted alternative spellings (compared
// after text::Fold, so case and accents do not matter).
struct ChileanRegion {
  std::string_view code;
  std::string_view name;
  std::array<std::string_view, 4> aliases;
};

inline constexpr std::array<ChileanRegion, 16> kChileanRegions = {{
    {"CL-AP", "Arica y Parinacota", {"arica", "", "", ""}},
    {"CL-TA", "Tarapacá", {"", "", "", ""}},
    {"CL-AN", "Antofagasta", {"", "", "", ""}},
    {"CL-AT", "Atacama", {"", "", "", ""}},
    {"CL-CO", "Coquimbo", {"", "", "", ""}},
    {"CL-VS", "Valparaíso", {"", "", "", ""}},
    {"CL-RM", "Metropolitana de Santiago", {"metropolitana", "santiago", "rm", ""}},
    {"CL-LI", "Libertador General Bernardo O'Higgins",
     {"o'higgins", "ohiggins", "libertador bernardo o'higgins", ""}},
    {"CL-ML", "Maule", {"", "", "", ""}},
    {"CL-NB", "Ñuble", {"", "", "", ""}},
    {"CL-BI", "Biobío", {"bio bio", "bio-bio", "", ""}},
    {"CL-AR", "La Araucanía", {"araucania", "", "", ""}},
    {"CL-LR", "Los Ríos", {"", "", "", ""}},
    {"CL-LL", "Los Lagos", {"", "", "", ""}},
    {"CL-AI", "Aysén del General Carlos Ibáñez del Campo", {"aysen", "aisen", "", ""}},
    {"CL-MA", "Magallanes y de la Antártica Chilena",
     {"magallanes", "magallanes y antartica chilena", "", ""}},
}};

}  // namespace moderno::accounts::profile
