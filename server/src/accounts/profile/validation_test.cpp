#include "accounts/profile/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "accounts/profile/comunas.hpp"
#include "accounts/profile/regions.hpp"
#include "platform/text/fold.hpp"

namespace moderno::accounts::profile {
namespace {

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  std::ranges::sort(out);
  return out;
}

AddressInput Valid() {
  AddressInput in;
  in.street = std::string("Av. Providencia");
  in.number = std::string("1234");
  in.comuna = std::string("Providencia");
  in.city = std::string("Santiago");
  in.region = std::string("Metropolitana de Santiago");
  return in;
}

TEST(ProfileValidation, PhoneAcceptsEightToSixteenDigitsWithOptionalPlus) {
  EXPECT_EQ(NormalizePhone("+56912345678"), "+56912345678");
  EXPECT_EQ(NormalizePhone(" +56 9 1234-5678 "), "+56912345678");
  EXPECT_EQ(NormalizePhone("(2) 2345 6789"), "223456789");
  EXPECT_EQ(NormalizePhone("12345678"), "12345678");
  EXPECT_EQ(NormalizePhone("+1234567890123456"), "+1234567890123456");
  EXPECT_FALSE(NormalizePhone("1234567"));             // 7 digits
  EXPECT_FALSE(NormalizePhone("12345678901234567"));   // 17 digits
  EXPECT_FALSE(NormalizePhone("+56 9 1234 567a"));
  EXPECT_FALSE(NormalizePhone("56+912345678"));        // + only in front
  EXPECT_FALSE(NormalizePhone("++56912345678"));
  EXPECT_FALSE(NormalizePhone(""));
  EXPECT_FALSE(NormalizePhone("+"));
}

TEST(ProfileValidation, RegionsMatchNamesCodesAndCommonSpellings) {
  EXPECT_EQ(CanonicalChileanRegion("Metropolitana de Santiago"), "Metropolitana de Santiago");
  EXPECT_EQ(CanonicalChileanRegion("región metropolitana"), "Metropolitana de Santiago");
  EXPECT_EQ(CanonicalChileanRegion("RM"), "Metropolitana de Santiago");
  EXPECT_EQ(CanonicalChileanRegion("CL-RM"), "Metropolitana de Santiago");
  EXPECT_EQ(CanonicalChileanRegion("VALPARAISO"), "Valparaíso");
  EXPECT_EQ(CanonicalChileanRegion("Región de Ñuble"), "Ñuble");
  EXPECT_EQ(CanonicalChileanRegion("nuble"), "Ñuble");
  EXPECT_EQ(CanonicalChileanRegion("Región del Biobío"), "Biobío");
  EXPECT_EQ(CanonicalChileanRegion("Bio Bio"), "Biobío");
  EXPECT_EQ(CanonicalChileanRegion("O'Higgins"), "Libertador General Bernardo O'Higgins");
  EXPECT_EQ(CanonicalChileanRegion("Aysén"), "Aysén del General Carlos Ibáñez del Campo");
  EXPECT_FALSE(CanonicalChileanRegion("Mendoza"));
  EXPECT_FALSE(CanonicalChileanRegion("Región de"));
  EXPECT_FALSE(CanonicalChileanRegion(""));
}

TEST(ProfileValidation, EverySixteenRegionAcceptsItsOwnName) {
  int accepted = 0;
  for (const ChileanRegion& r : kChileanRegions) {
    if (CanonicalChileanRegion(r.name) == r.name && CanonicalChileanRegion(r.code) == r.name) {
      ++accepted;
    }
  }
  EXPECT_EQ(accepted, 16);
}

TEST(ProfileValidation, AddressRequiresStreetNumberComunaCityRegion) {
  AddressFields f;
  auto errors = ApplyAddressInput(AddressInput{}, f);
  EXPECT_EQ(Fields(errors), (std::vector<std::string>{"city:required", "comuna:required",
                                                      "number:required", "region:required",
                                                      "street:required"}));
}

TEST(ProfileValidation, AddressNormalisesAndAcceptsValidInput) {
  AddressInput in = Valid();
  in.region = std::string("  region metropolitana ");
  in.country = std::string("cl");
  in.phone = std::string("+56 9 8765 4321");
  in.apartment = std::string("   ");  // blank optional -> absent
  in.postal_code = std::string("7500000");
  AddressFields f;
  EXPECT_TRUE(ApplyAddressInput(in, f).empty());
  EXPECT_EQ(f.region, "Metropolitana de Santiago");
  EXPECT_EQ(f.country, "CL");
  EXPECT_EQ(f.phone, "+56987654321");
  EXPECT_FALSE(f.apartment);
  EXPECT_EQ(f.street, "Av. Providencia");
}

TEST(ProfileValidation, RegionOutsideChileIsFreeTextButChileNeedsOneOfSixteen) {
  AddressInput in = Valid();
  in.region = std::string("Mendoza");
  AddressFields chile;
  EXPECT_EQ(Fields(ApplyAddressInput(in, chile)), (std::vector<std::string>{"region:invalid"}));
  in.country = std::string("AR");
  AddressFields argentina;
  EXPECT_TRUE(ApplyAddressInput(in, argentina).empty());
  EXPECT_EQ(argentina.region, "Mendoza");
}

TEST(ProfileValidation, AddressRejectsBadPhoneCountryPostalCodeAndLongFields) {
  AddressInput in = Valid();
  in.phone = std::string("123");
  in.country = std::string("Narnia");
  in.street = std::string(256, 'a');
  in.label = std::string(101, 'x');
  AddressFields f;
  EXPECT_EQ(Fields(ApplyAddressInput(in, f)),
            (std::vector<std::string>{"country:invalid", "label:too_long", "phone:invalid",
                                      "street:too_long"}));
  AddressInput cl = Valid();
  cl.postal_code = std::string("75-00");
  AddressFields g;
  EXPECT_EQ(Fields(ApplyAddressInput(cl, g)), (std::vector<std::string>{"postal_code:invalid"}));
}

TEST(ProfileValidation, UpdateMergesAbsentKeepsNullClears) {
  AddressFields f;
  ASSERT_TRUE(ApplyAddressInput([] {
                AddressInput in = Valid();
                in.apartment = std::string("Depto 501");
                in.label = std::string("Casa");
                return in;
              }(),
                                f)
                  .empty());
  AddressInput patch;
  patch.apartment = std::optional<std::string>();  // null: cleared
  patch.number = std::string("99");
  ASSERT_TRUE(ApplyAddressInput(patch, f).empty());
  EXPECT_FALSE(f.apartment);
  EXPECT_EQ(f.number, "99");
  EXPECT_EQ(f.label, "Casa");  // absent: kept
  EXPECT_EQ(f.street, "Av. Providencia");

  AddressInput clear_required;
  clear_required.street = std::optional<std::string>();
  EXPECT_EQ(Fields(ApplyAddressInput(clear_required, f)),
            (std::vector<std::string>{"street:required"}));
}

TEST(ProfileValidation, ProfileUpdateChecksNameAndPhone) {
  ProfileUpdate ok;
  ok.name = std::string("  Ana Pérez ");
  ok.phone = std::string("+56 9 1234 5678");
  EXPECT_TRUE(ValidateProfileUpdate(ok).empty());
  EXPECT_EQ(ok.name, "Ana Pérez");
  EXPECT_EQ(ok.phone, std::optional<std::string>("+56912345678"));

  ProfileUpdate clear;
  clear.phone = std::string("");
  EXPECT_TRUE(ValidateProfileUpdate(clear).empty());
  ASSERT_TRUE(clear.phone.has_value());
  EXPECT_FALSE(clear.phone->has_value());

  ProfileUpdate bad;
  bad.name = std::string("   ");
  bad.phone = std::string("call me");
  EXPECT_EQ(Fields(ValidateProfileUpdate(bad)),
            (std::vector<std::string>{"name:required", "phone:invalid"}));
}

// The seed's example address: no number, comuna or region of its own, and the country by name.
AddressInput SeedAddress() {
  AddressInput in;
  in.street = std::string("Av. Principal 123");
  in.city = std::string("Santiago");
  in.postal_code = std::string("8320000");
  in.country = std::string("Chile");
  return in;
}

TEST(ProfileValidation, TheSeedsAddressIsCompletedFromWhatItSays) {
  AddressFields f;
  EXPECT_TRUE(ApplyAddressInput(SeedAddress(), f).empty());
  EXPECT_EQ(f.street, "Av. Principal");
  EXPECT_EQ(f.number, "123");
  EXPECT_EQ(f.comuna, "Santiago") << "the city names a comuna";
  EXPECT_EQ(f.city, "Santiago");
  EXPECT_EQ(f.region, "Metropolitana de Santiago") << "the comuna's region, stored by name";
  EXPECT_EQ(f.country, "CL");
  EXPECT_EQ(f.postal_code, "8320000");
}

TEST(ProfileValidation, StreetsGiveUpTheNumberTheyEndWith) {
  auto split = [](std::string_view street) {
    auto s = SplitStreetNumber(street);
    return s ? s->street + "|" + s->number : std::string("-");
  };
  EXPECT_EQ(split("Av. Principal 123"), "Av. Principal|123");
  EXPECT_EQ(split("  Los Leones   1234 B "), "Los Leones|1234 B");
  EXPECT_EQ(split("Av. Kennedy 5600A"), "Av. Kennedy|5600A");
  EXPECT_EQ(split("Calle Uno 12-A"), "Calle Uno|12-A");
  EXPECT_EQ(split("Pasaje Los Aromos #45"), "Pasaje Los Aromos|45");
  EXPECT_EQ(split("Av. Sur N° 10"), "Av. Sur|10");
  EXPECT_EQ(split("Av. Sur Nº10"), "Av. Sur|10");
  EXPECT_EQ(split("Av. Principal, 123"), "Av. Principal|123");
  EXPECT_EQ(split("Avenida 10 de Julio 1234"), "Avenida 10 de Julio|1234");
  EXPECT_EQ(split("Ñuñoa Oriente 77"), "Ñuñoa Oriente|77");
  EXPECT_EQ(split("Camino Real S/N"), "Camino Real|S/N");
  EXPECT_EQ(split("Camino Real s/n"), "Camino Real|S/N");
  EXPECT_EQ(split("Camino Real sin número"), "Camino Real|S/N");
  // No number at the end, or one that is not the house number.
  EXPECT_EQ(split("Av. Principal"), "-");
  EXPECT_EQ(split("21 de Mayo"), "-");
  EXPECT_EQ(split("123"), "-");
  EXPECT_EQ(split("S/N"), "-");
  EXPECT_EQ(split("Calle 10"), "-") << "a numbered street's name";
  EXPECT_EQ(split("Ruta 68"), "-");
  EXPECT_EQ(split("Av. Principal 123 Depto 45"), "-") << "the apartment, not the number";
  EXPECT_EQ(split("Camino a Farellones Km 20"), "-");
  EXPECT_EQ(split("Los Leones 1234567"), "-") << "too long for a house number";
  EXPECT_EQ(split(""), "-");
}

TEST(ProfileValidation, ANumberSentWithTheStreetIsKeptAndSNIsANumber) {
  AddressInput in = Valid();
  in.street = std::string("Calle 5 Norte 200");
  in.number = std::string("200");
  AddressFields repeated;
  EXPECT_TRUE(ApplyAddressInput(in, repeated).empty());
  EXPECT_EQ(repeated.street, "Calle 5 Norte") << "the number is not repeated";
  EXPECT_EQ(repeated.number, "200");

  in.street = std::string("Av. Los Pajaritos 3500");
  in.number = std::string("Local 4");
  AddressFields different;
  EXPECT_TRUE(ApplyAddressInput(in, different).empty());
  EXPECT_EQ(different.street, "Av. Los Pajaritos 3500") << "the client's own number wins";
  EXPECT_EQ(different.number, "Local 4");

  in.street = std::string("Camino Real");
  in.number = std::string(" s/n ");
  AddressFields sin_numero;
  EXPECT_TRUE(ApplyAddressInput(in, sin_numero).empty());
  EXPECT_EQ(sin_numero.number, "S/N");
}

TEST(ProfileValidation, AnUpdatedStreetCarriesItsNumberButAnUntouchedOneDoesNot) {
  AddressFields f;
  ASSERT_TRUE(ApplyAddressInput(Valid(), f).empty());
  AddressInput moved;
  moved.street = std::string("Av. Principal 123");
  ASSERT_TRUE(ApplyAddressInput(moved, f).empty());
  EXPECT_EQ(f.street, "Av. Principal");
  EXPECT_EQ(f.number, "123");
  AddressInput other;
  other.apartment = std::string("Depto 5");
  ASSERT_TRUE(ApplyAddressInput(other, f).empty());
  EXPECT_EQ(f.number, "123");
}

TEST(ProfileValidation, CountriesByCodeOrName) {
  EXPECT_EQ(CountryCode("CL"), "CL");
  EXPECT_EQ(CountryCode(" cl "), "CL");
  EXPECT_EQ(CountryCode("Chile"), "CL");
  EXPECT_EQ(CountryCode("CHILE"), "CL");
  EXPECT_EQ(CountryCode("chile"), "CL");
  EXPECT_EQ(CountryCode("Perú"), "PE");
  EXPECT_EQ(CountryCode("Argentina"), "AR");
  EXPECT_EQ(CountryCode("España"), "ES");
  EXPECT_EQ(CountryCode("ar"), "AR");
  EXPECT_FALSE(CountryCode("Narnia"));
  EXPECT_FALSE(CountryCode("C1"));
  EXPECT_FALSE(CountryCode(""));
}

TEST(ProfileValidation, ComunasAreFoundIgnoringCaseAndAccents) {
  ASSERT_NE(FindChileanComuna("nunoa"), nullptr);
  EXPECT_EQ(FindChileanComuna("nunoa")->name, "Ñuñoa");
  EXPECT_EQ(FindChileanComuna(" VIÑA DEL MAR ")->region_code, "CL-VS");
  EXPECT_EQ(FindChileanComuna("Comuna de Providencia")->region_code, "CL-RM");
  EXPECT_EQ(FindChileanComuna("Los Lagos")->region_code, "CL-LR") << "the comuna, not the region";
  EXPECT_EQ(FindChileanComuna("Springfield"), nullptr);
  EXPECT_EQ(FindChileanComuna(""), nullptr);
}

TEST(ProfileValidation, EveryComunaBelongsToOneOfTheSixteenRegions) {
  std::set<std::string> names;
  std::set<std::string_view> regions;
  for (const ChileanComuna& c : kChileanComunas) {
    EXPECT_TRUE(std::ranges::any_of(kChileanRegions, [&](const ChileanRegion& r) { return r.code == c.region_code; }))
        << c.name;
    EXPECT_TRUE(names.insert(text::Fold(c.name)).second) << c.name << " is listed twice";
    regions.insert(c.region_code);
  }
  EXPECT_EQ(regions.size(), 16u);
}

TEST(ProfileValidation, TheComunaNamesTheRegionAndTheCityNamesTheComuna) {
  AddressInput in = Valid();
  in.comuna = std::string("vina del mar");
  in.city = std::string("Viña del Mar");
  in.region.reset();
  AddressFields derived;
  EXPECT_TRUE(ApplyAddressInput(in, derived).empty());
  EXPECT_EQ(derived.comuna, "Viña del Mar") << "the comuna's own spelling";
  EXPECT_EQ(derived.region, "Valparaíso");

  // A comuna the list does not hold stays free text when the region is given.
  in.comuna = std::string("Pirque");
  in.city = std::string("Pirque");
  in.region = std::string("RM");
  AddressFields unlisted;
  EXPECT_TRUE(ApplyAddressInput(in, unlisted).empty());
  EXPECT_EQ(unlisted.comuna, "Pirque");

  // Changing the comuna alone moves the region with it.
  AddressFields f;
  ASSERT_TRUE(ApplyAddressInput(Valid(), f).empty());
  AddressInput moved;
  moved.comuna = std::string("Concepción");
  moved.city = std::string("Concepción");
  ASSERT_TRUE(ApplyAddressInput(moved, f).empty());
  EXPECT_EQ(f.region, "Biobío");
}

TEST(ProfileValidation, AnUpdateThatLeavesThePlaceAloneKeepsAnOldContradiction) {
  AddressFields saved;  // as saved before comunas were checked
  saved.street = "Av. Providencia";
  saved.number = "1234";
  saved.comuna = "Providencia";
  saved.city = "Santiago";
  saved.region = "Valparaíso";
  AddressInput flag;
  flag.is_default_shipping = true;
  AddressFields f = saved;
  EXPECT_TRUE(ApplyAddressInput(flag, f).empty());
  AddressInput region;
  region.region = std::string("Valparaíso");
  f = saved;
  EXPECT_EQ(Fields(ApplyAddressInput(region, f)), std::vector<std::string>{"region:mismatch"});
}

TEST(ProfileValidation, WhatCannotBeDerivedIsReportedPrecisely) {
  auto errors = [](AddressInput in) {
    AddressFields f;
    return ApplyAddressInput(in, f);
  };
  auto message = [](const std::vector<FieldError>& es, std::string_view field) {
    for (const auto& e : es) {
      if (e.field == field) return e.message;
    }
    return std::string();
  };

  AddressInput no_number = SeedAddress();
  no_number.street = std::string("Av. Principal");
  auto e = errors(no_number);
  EXPECT_EQ(Fields(e), std::vector<std::string>{"number:required"});
  EXPECT_NE(message(e, "number").find("S/N"), std::string::npos) << message(e, "number");

  AddressInput no_street = SeedAddress();
  no_street.street.reset();
  EXPECT_EQ(Fields(errors(no_street)), (std::vector<std::string>{"number:required", "street:required"}));

  AddressInput unknown_city = SeedAddress();
  unknown_city.city = std::string("Springfield");
  e = errors(unknown_city);
  EXPECT_EQ(Fields(e), (std::vector<std::string>{"comuna:required", "region:required"}));
  EXPECT_NE(message(e, "comuna").find("Springfield"), std::string::npos) << message(e, "comuna");

  AddressInput unlisted = SeedAddress();
  unlisted.comuna = std::string("Pirque");
  e = errors(unlisted);
  EXPECT_EQ(Fields(e), std::vector<std::string>{"region:required"});
  EXPECT_NE(message(e, "region").find("Pirque"), std::string::npos) << message(e, "region");

  AddressInput contradiction = SeedAddress();
  contradiction.region = std::string("Valparaíso");
  e = errors(contradiction);
  EXPECT_EQ(Fields(e), std::vector<std::string>{"region:mismatch"});
  EXPECT_EQ(message(e, "region"), "the comuna Santiago is in the region Metropolitana de Santiago, not Valparaíso");

  AddressInput no_city = SeedAddress();
  no_city.city.reset();
  EXPECT_EQ(Fields(errors(no_city)), (std::vector<std::string>{"city:required", "comuna:required", "region:required"}));

  AddressInput foreign = SeedAddress();
  foreign.country = std::string("Argentina");
  foreign.postal_code.reset();
  EXPECT_EQ(Fields(errors(foreign)), (std::vector<std::string>{"comuna:required", "region:required"}))
      << "outside Chile nothing is derived";
}

}  // namespace
}  // namespace moderno::accounts::profile
