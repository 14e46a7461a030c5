#include "accounts/profile/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/profile/regions.hpp"

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
  in.country = std::string("Chile");
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

}  // namespace
}  // namespace moderno::accounts::profile
