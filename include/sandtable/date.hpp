// Calendar dates as a count of days, so that date arithmetic in the model is
// integer arithmetic and sweeps can vary dates like numbers.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace sandtable {

class Date {
 public:
  constexpr Date() = default;
  // Days since 1970-01-01 (proleptic Gregorian calendar).
  static constexpr Date from_days(int days) {
    Date d;
    d.days_ = days;
    return d;
  }
  // Returns nothing unless the date is real (2015-02-29 is not).
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Strict ISO 8601 calendar date, "YYYY-MM-DD".
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] constexpr int days() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;              // 1..12
  [[nodiscard]] int day() const;                // 1..31
  [[nodiscard]] std::string to_string() const;  // "YYYY-MM-DD"

  constexpr Date operator+(int n) const { return from_days(days_ + n); }
  constexpr Date operator-(int n) const { return from_days(days_ - n); }
  constexpr int operator-(Date o) const { return days_ - o.days_; }
  constexpr auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr)

 private:
  int days_ = 0;
};

int days_in_month(int year, int month);

}  // namespace sandtable
