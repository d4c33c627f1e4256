#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/measure.hpp"

namespace catalog::store {

/// One `characteristic` filter of a store search, `Name:<op><value>[unit]`:
///   Speed:>50Mbps    Speed:>=1Gbps   Storage:<=512 GB   Color:=Black   Color:!=Red
/// With a unit, the comparison is unit-aware (1 Gbps satisfies Speed:>50Mbps) and only
/// characteristics of the same dimension match. A number without a unit compares with the
/// characteristic's value in its own unit. Text compares without regard to case, with = or !=.
struct CharacteristicFilter {
  enum class Op { Less, LessOrEqual, Equal, NotEqual, GreaterOrEqual, Greater };

  std::string name;      ///< as written
  std::string name_key;  ///< lower case, as characteristics are matched
  Op op = Op::Equal;
  std::string value;               ///< as written, without the unit
  std::optional<double> number;    ///< when the value is a number
  std::optional<Measure> measure;  ///< when a unit was given

  /// Throws sdk::ValidationError saying what is wrong with `text`.
  static CharacteristicFilter parse(std::string_view text);
};

/// The SQL operator of `op`.
const char* sqlOperator(CharacteristicFilter::Op op);

/// ASCII lower case, as names and text values are compared.
std::string lowerKey(std::string_view text);

}  // namespace catalog::store
