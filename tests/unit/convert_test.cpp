#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include <fmt/format.h>

#include "core/convert.hpp"

namespace cutover {
namespace {

constexpr int64_t k_day = 86'400'000'000LL;

TEST(ConvertCivil, KnownDays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 1, 1), 10957);
  EXPECT_EQ(days_from_civil(2024, 5, 1), 19844);
  EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
  EXPECT_EQ(days_from_civil(1900, 3, 1), -25508);
  EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
  EXPECT_EQ(days_from_civil(0, 1, 1), -719528);
  EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
}

TEST(ConvertCivil, RejectsImpossibleDates) {
  EXPECT_EQ(days_from_civil(2023, 2, 29), std::nullopt);
  EXPECT_EQ(days_from_civil(1900, 2, 29), std::nullopt);
  EXPECT_TRUE(days_from_civil(2000, 2, 29).has_value());
  EXPECT_EQ(days_from_civil(2024, 13, 1), std::nullopt);
  EXPECT_EQ(days_from_civil(2024, 0, 1), std::nullopt);
  EXPECT_EQ(days_from_civil(2024, 1, 0), std::nullopt);
  EXPECT_EQ(days_from_civil(2024, 4, 31), std::nullopt);
  EXPECT_EQ(days_from_civil(100'000'000, 1, 1), std::nullopt);
}

TEST(ConvertCivil, RoundTripsEveryDayOverCenturies) {
  for (int64_t days = -800'000; days <= 3'000'000; days += 7) {
    CivilDate d = civil_from_days(days);
    ASSERT_EQ(days_from_civil(d.year, d.month, d.day), days) << days;
  }
  CivilDate bc = civil_from_days(-735'525);
  EXPECT_EQ(bc.year, -44);
  EXPECT_EQ(bc.month, 3);
  EXPECT_EQ(bc.day, 15);
}

TEST(ConvertIso8601, BareDate) {
  auto p = parse_iso8601("2024-05-01");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->micros, 19844 * k_day);
  EXPECT_FALSE(p->has_time);
  EXPECT_FALSE(p->has_offset);
}

TEST(ConvertIso8601, TimeForms) {
  const int64_t base = 19844 * k_day;
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45")->micros, base + 49'500'000'000LL);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:07")->micros, base + 49'507'000'000LL);
  EXPECT_EQ(parse_iso8601("2024-05-01T13:45:07.25")->micros, base + 49'507'250'000LL);
  EXPECT_EQ(parse_iso8601("2024-05-01T13:45:07.123456")->micros, base + 49'507'123'456LL);
  EXPECT_EQ(parse_iso8601("2024-05-01T13:45:07.123456000")->micros, base + 49'507'123'456LL);
  EXPECT_EQ(parse_iso8601("1969-12-31 23:59:59.999999")->micros, -1);
  EXPECT_TRUE(parse_iso8601("2024-05-01 00:00")->has_time);
}

TEST(ConvertIso8601, FractionPastMicrosMustBeZero) {
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:07.1234567"), std::nullopt);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:07.000000001"), std::nullopt);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:07.1234560000"), std::nullopt);  // 10 digits
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:07."), std::nullopt);
}

TEST(ConvertIso8601, Offsets) {
  auto z = parse_iso8601("2024-05-01T13:45:00Z");
  ASSERT_TRUE(z);
  EXPECT_TRUE(z->has_offset);
  EXPECT_EQ(z->offset_seconds, 0);
  auto plus = parse_iso8601("2024-05-01 13:45:00+02:00");
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->offset_seconds, 7200);
  EXPECT_EQ(plus->utc_micros(), plus->micros - 7'200'000'000LL);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45+0530")->offset_seconds, 19800);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:00.5-05")->offset_seconds, -18000);
  EXPECT_EQ(parse_iso8601("2024-05-01 13:45:00-03:30")->offset_seconds, -12600);
}

TEST(ConvertIso8601, RejectsGarbage) {
  for (const char* bad :
       {"", "2024-5-01", "2024-05-1", "24-05-01", "2024/05/01", " 2024-05-01", "2024-05-01 ",
        "2024-02-30", "2024-05-01 24:00", "2024-05-01 12:60", "2024-05-01 12:00:60",
        "2024-05-01 1:00", "2024-05-01X12:00", "2024-05-01 12:00+2", "2024-05-01 12:00+02:0",
        "2024-05-01 12:00+24", "2024-05-01 12:00 +02", "2024-05-01Z", "2024-05-01 12:00:00ZZ",
        "+2024-05-01", "12024-05-01"}) {
    EXPECT_EQ(parse_iso8601(bad), std::nullopt) << bad;
  }
}

TEST(ConvertTimeOfDay, Forms) {
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("13:45:07.5"), 49'507'500'000LL);
  EXPECT_EQ(parse_time_of_day("23:59:59.999999"), k_day - 1);
  EXPECT_EQ(parse_time_of_day("24:00:00"), k_day);
  EXPECT_EQ(parse_time_of_day("24:00:00.000001"), std::nullopt);
  EXPECT_EQ(parse_time_of_day("24:01"), std::nullopt);
  EXPECT_EQ(parse_time_of_day("12:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_time_of_day("7:00"), std::nullopt);
}

TEST(ConvertJulian, EpochAndSqliteValues) {
  EXPECT_EQ(julian_day_to_micros(2440587.5), 0);
  EXPECT_EQ(julian_day_to_micros(2451544.5), 10957 * k_day);
  EXPECT_EQ(julian_day_to_micros(2440588.0), k_day / 2);
  // julianday('2024-05-01 13:45:00.250') and ('... 13:45:00.123') in SQLite.
  EXPECT_EQ(julian_day_to_micros(2460432.07291956), 1714571100250000LL);
  EXPECT_EQ(julian_day_to_micros(2460432.07291809), 1714571100123000LL);
  // Away from a whole millisecond the nearest microsecond is kept.
  EXPECT_EQ(julian_day_to_micros(2460432.072919566), 1714571100250518LL);
  EXPECT_EQ(julian_day_to_micros(2440587.5 - 0.25), -k_day / 4);
  EXPECT_EQ(julian_day_to_micros(std::nan("")), std::nullopt);
  EXPECT_EQ(julian_day_to_micros(INFINITY), std::nullopt);
  EXPECT_EQ(julian_day_to_micros(1e300), std::nullopt);
}

TEST(ConvertEpoch, UnitAndScaling) {
  EXPECT_EQ(epoch_unit_for(1'714'571'100), EpochUnit::seconds);
  EXPECT_EQ(epoch_unit_for(99'999'999'999LL), EpochUnit::seconds);
  EXPECT_EQ(epoch_unit_for(100'000'000'000LL), EpochUnit::millis);
  EXPECT_EQ(epoch_unit_for(1'714'571'100'250LL), EpochUnit::millis);
  EXPECT_EQ(epoch_unit_for(1'714'571'100'250'000LL), EpochUnit::micros);
  EXPECT_EQ(epoch_unit_for(std::numeric_limits<int64_t>::min()), EpochUnit::micros);
  EXPECT_EQ(epoch_to_micros(-2, EpochUnit::seconds), -2'000'000);
  EXPECT_EQ(epoch_to_micros(1'714'571'100'250LL, EpochUnit::millis), 1'714'571'100'250'000LL);
  EXPECT_EQ(epoch_to_micros(5, EpochUnit::micros), 5);
  EXPECT_EQ(epoch_to_micros(std::numeric_limits<int64_t>::max() / 10, EpochUnit::seconds),
            std::nullopt);
}

TEST(ConvertUuid, ParseAndFormat) {
  const uint8_t expected[16] = {0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f,
                                0xa1, 0x65, 0x70, 0x86, 0x77, 0x28, 0x95, 0x0e};
  for (const char* text : {"0f8fad5b-d9cb-469f-a165-70867728950e",
                           "0F8FAD5B-D9CB-469F-A165-70867728950E",
                           "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5bd9cb469fa16570867728950e"}) {
    auto u = parse_uuid(text);
    ASSERT_TRUE(u) << text;
    EXPECT_EQ(0, std::memcmp(u->data(), expected, 16)) << text;
  }
  EXPECT_EQ(format_uuid(expected), "0f8fad5b-d9cb-469f-a165-70867728950e");
  for (const char* bad : {"", "0f8fad5b-d9cb-469f-a165-70867728950", "0f8fad5b_d9cb-469f-a165-70867728950e",
                          "0f8fad5b-d9cb-469f-a165-70867728950g", "{0f8fad5b-d9cb-469f-a165-70867728950e",
                          "0f8fad5bd-9cb-469f-a165-70867728950e"}) {
    EXPECT_EQ(parse_uuid(bad), std::nullopt) << bad;
  }
}

TEST(ConvertDecimal, Normalizes) {
  const std::pair<const char*, const char*> cases[] = {
      {"0", "0"}, {"-0", "0"}, {"+1.50", "1.50"}, {"-0.001", "-0.001"}, {".5", "0.5"},
      {"-.5", "-0.5"}, {"1.", "1"}, {"007", "7"}, {"00.10", "0.10"}, {"-0.00", "0.00"},
      {"1e3", "1000"}, {"1.5E-2", "0.015"}, {"1.50e1", "15.0"}, {"12.5e+1", "125"},
      {"1e-20", "0.00000000000000000001"}, {"0e5", "0"}, {"0.0e1", "0"}, {"-0e-2", "0.00"},
      {"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
      {"NaN", "NaN"}, {"nan", "NaN"}, {"-4.2e0", "-4.2"}};
  for (auto [in, out] : cases) EXPECT_EQ(normalize_decimal(in), std::string(out)) << in;
}

TEST(ConvertDecimal, HugeExponents) {
  auto big = normalize_decimal("1e400");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->size(), 401u);
  EXPECT_EQ(*big, "1" + std::string(400, '0'));
  auto small = normalize_decimal("-2.5e-997");
  ASSERT_TRUE(small);
  EXPECT_EQ(*small, "-0." + std::string(996, '0') + "25");
  EXPECT_EQ(normalize_decimal("1e-1000")->size(), 1002u);  // 1000 digits: the limit
  EXPECT_EQ(normalize_decimal("1e1000"), std::nullopt);
  EXPECT_EQ(normalize_decimal("1e-1001"), std::nullopt);
  EXPECT_EQ(normalize_decimal("1e99999999999999999999"), std::nullopt);
}

TEST(ConvertDecimal, RejectsNonNumbers) {
  for (const char* bad : {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "inf", "-inf", "Infinity",
                          "1,5", " 1", "1 ", "0x10", "1_000", "--1", "+-1", "NaNa", "-NaN", "1e5.0"}) {
    EXPECT_EQ(normalize_decimal(bad), std::nullopt) << bad;
  }
}

TEST(ConvertDecimal, SplitWithoutCopying) {
  auto p = split_decimal("-12.5e3");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->negative);
  EXPECT_EQ(p->int_digits, "12");
  EXPECT_EQ(p->frac_digits, "5");
  EXPECT_EQ(p->exponent, 3);
  auto q = split_decimal(".5E-2");
  ASSERT_TRUE(q);
  EXPECT_FALSE(q->negative);
  EXPECT_EQ(q->int_digits, "");
  EXPECT_EQ(q->frac_digits, "5");
  EXPECT_EQ(q->exponent, -2);
  EXPECT_EQ(split_decimal("+7.")->int_digits, "7");
  EXPECT_EQ(split_decimal("NaN"), std::nullopt);
  EXPECT_EQ(split_decimal("1e1000001"), std::nullopt);
}

TEST(ConvertDecimal, FromDouble) {
  EXPECT_EQ(decimal_from_double(0.1), "0.1");
  EXPECT_EQ(decimal_from_double(-0.0), "0");
  EXPECT_EQ(decimal_from_double(1e20), "100000000000000000000");
  EXPECT_EQ(decimal_from_double(1.5e-7), "0.00000015");
  EXPECT_EQ(decimal_from_double(123456.789), "123456.789");
  EXPECT_EQ(decimal_from_double(-2.5), "-2.5");
  EXPECT_EQ(decimal_from_double(0.30000000000000004), "0.30000000000000004");
  auto max = decimal_from_double(std::numeric_limits<double>::max());
  EXPECT_EQ(max.size(), 309u);
  EXPECT_EQ(max.substr(0, 17), "17976931348623157");
  auto tiny = decimal_from_double(std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(tiny, "0." + std::string(323, '0') + "5");
}

// The fast path must write exactly what the shortest round-trip path writes.
void expect_fast_path_agrees(double v) {
  std::string fast;
  if (!short_decimal_from_double(v, fast)) return;
  auto slow = normalize_decimal(fmt::format("{}", v));
  ASSERT_TRUE(slow.has_value());
  ASSERT_EQ(fast, *slow) << "value " << fmt::format("{}", v);
}

TEST(ConvertDecimal, ShortFastPathAgreesWithShortest) {
  std::mt19937_64 rng(42);
  static constexpr double k_pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
  int taken = 0;
  for (int n = 0; n < 300'000; ++n) {
    auto r = static_cast<int64_t>(rng() % 2'000'000'000'000'000ULL) - 1'000'000'000'000'000LL;
    r >>= rng() % 50;  // every magnitude
    double v = static_cast<double>(r) / k_pow10[rng() % 11];
    std::string fast;
    taken += short_decimal_from_double(v, fast) ? 1 : 0;
    expect_fast_path_agrees(v);
    double bits_value;
    uint64_t bits = rng();
    std::memcpy(&bits_value, &bits, sizeof bits);
    expect_fast_path_agrees(bits_value);
  }
  EXPECT_GT(taken, 100'000);  // the common case does take the fast path
  for (double v : {0.1, 0.05, 19.99, -2.5, 1e-8, 1.5e-7, 999999999999999.0, 1e15, 123456.789, 0.30000000000000004})
    expect_fast_path_agrees(v);
  std::string out = "untouched";
  EXPECT_FALSE(short_decimal_from_double(0.30000000000000004, out));
  EXPECT_FALSE(short_decimal_from_double(-0.0, out));
  EXPECT_EQ(out, "untouched");
  EXPECT_TRUE(short_decimal_from_double(0.05, out));
  EXPECT_EQ(out, "0.05");
}

TEST(ConvertDecimal, Shape) {
  auto shape = [](const char* s) {
    DecimalShape d = decimal_shape(s);
    return std::pair{d.integer_digits, d.scale};
  };
  EXPECT_EQ(shape("-12.340"), std::pair(2, 3));
  EXPECT_EQ(shape("12345"), std::pair(5, 0));
  EXPECT_EQ(shape("0.5"), std::pair(0, 1));
  EXPECT_EQ(shape("0"), std::pair(0, 0));
  EXPECT_EQ(shape("-0.001"), std::pair(0, 3));
  EXPECT_EQ(shape("NaN"), std::pair(0, 0));
}

TEST(ConvertFormat, DatesAndTimestamps) {
  EXPECT_EQ(format_date(19844), "2024-05-01");
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(-719162), "0001-01-01");
  EXPECT_EQ(format_date(-735525), "-0044-03-15");
  EXPECT_EQ(format_date(2932897), "10000-01-01");
  EXPECT_EQ(format_timestamp(1714571100250000LL), "2024-05-01 13:45:00.25");
  EXPECT_EQ(format_timestamp(0), "1970-01-01 00:00:00");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(format_timestamp(1714571100000001LL), "2024-05-01 13:45:00.000001");
  EXPECT_EQ(format_time_of_day(0), "00:00:00");
  EXPECT_EQ(format_time_of_day(49'507'500'000LL), "13:45:07.5");
  EXPECT_EQ(format_time_of_day(k_day), "24:00:00");
}

TEST(ConvertUtf8, PlainAscii) {
  EXPECT_TRUE(is_plain_ascii(""));
  EXPECT_TRUE(is_plain_ascii("plain ascii, longer than eight bytes ~\x7f"));
  // A NUL or a high byte at every position, in every alignment.
  std::string base(40, 'a');
  for (size_t at = 0; at < base.size(); ++at) {
    for (char bad : {'\0', '\x80', '\xff', '\xc3'}) {
      std::string s = base;
      s[at] = bad;
      EXPECT_FALSE(is_plain_ascii(s)) << "byte " << int(static_cast<unsigned char>(bad)) << " at " << at;
      EXPECT_FALSE(is_plain_ascii(std::string_view(s).substr(at % 8))) << at;
    }
  }
  EXPECT_TRUE(is_plain_ascii(std::string(17, '\x01')));
}

TEST(ConvertUtf8, Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xed\x9f\xbf"));      // U+D7FF
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xc1\xbf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xf0\x80\x80\xaf"));  // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // U+D800 surrogate
  EXPECT_FALSE(is_valid_utf8("\xed\xbf\xbf"));      // U+DFFF surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xc3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
}

TEST(ConvertDisplay, EscapesAndShortens) {
  EXPECT_EQ(display_value("hello"), "hello");
  EXPECT_EQ(display_value("a\nb\tc\r"), "a\\nb\\tc\\r");
  EXPECT_EQ(display_value(std::string_view("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(display_value("\xff\x7f"), "\\xff\\x7f");
  EXPECT_EQ(display_value("back\\slash"), "back\\slash");
  EXPECT_EQ(display_value("abcdefgh", 3), "abc…(8 bytes)");
  EXPECT_EQ(display_value("abc", 3), "abc");
  // Never cuts inside a character: "é" is two bytes.
  EXPECT_EQ(display_value("a\xc3\xa9xyz", 2), "a…(6 bytes)");
  EXPECT_EQ(display_value("a\xc3\xa9xyz", 3), "a\xc3\xa9…(6 bytes)");
  // Escapes count toward the limit.
  EXPECT_EQ(display_value(std::string_view("\0\0", 2), 5), "\\x00…(2 bytes)");
  EXPECT_EQ(display_value(std::string(200, 'x')), std::string(80, 'x') + "…(200 bytes)");
}

}  // namespace
}  // namespace cutover
