// date, timestamp.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "adapters/mapping/date_format.h"
#include "adapters/mapping/transform_impl.h"

namespace omnihub::mapping {
namespace {

using Result = absl::StatusOr<Value>;
using Built = absl::StatusOr<std::unique_ptr<Transform>>;

// Local times that happen twice (clocks going back): which one to take.
enum class Ambiguous { kEarlier, kLater, kError };

Timestamp ToTimestamp(absl::Time t) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  const auto nanos =
      static_cast<int32_t>((t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1));
  return Timestamp{seconds, nanos};
}

absl::Time FromTimestamp(const Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds) + absl::Nanoseconds(ts.nanos);
}

Date ToDate(absl::CivilDay d) { return Date{static_cast<int32_t>(d.year()), d.month(), d.day()}; }

// The instant a local date and time in `tz` stands for.
absl::StatusOr<absl::Time> ResolveLocal(absl::string_view text, absl::CivilSecond civil,
                                        int32_t nanos, const absl::TimeZone& tz,
                                        Ambiguous ambiguous) {
  const absl::TimeZone::TimeInfo ti = tz.At(civil);
  absl::Time t = ti.pre;
  switch (ti.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE:
      break;
    case absl::TimeZone::TimeInfo::SKIPPED:
      return absl::InvalidArgumentError(
          absl::StrCat(Quote(text), " (", absl::FormatCivilTime(civil), ") does not exist in ",
                       tz.name(), ": the clocks went forward over that time"));
    case absl::TimeZone::TimeInfo::REPEATED:
      if (ambiguous == Ambiguous::kError) {
        return absl::InvalidArgumentError(absl::StrCat(
            Quote(text), " (", absl::FormatCivilTime(civil), ") happens twice in ", tz.name(),
            " as the clocks go back; ambiguous=\"earlier\" or \"later\" chooses one"));
      }
      if (ambiguous == Ambiguous::kLater) t = ti.post;
      break;
  }
  return t + absl::Nanoseconds(nanos);
}

struct DateArgs {
  DateFormat format;
  std::optional<absl::TimeZone> tz;
  Ambiguous ambiguous = Ambiguous::kEarlier;
};

absl::StatusOr<DateArgs> ReadDateArgs(const ArgReader& args, bool for_timestamp) {
  absl::StatusOr<std::string> format_text = args.Required("format");
  if (!format_text.ok()) return format_text.status();
  absl::StatusOr<int64_t> pivot = args.Int("pivot", 1000, 9899, 1950);
  if (!pivot.ok()) return pivot.status();
  absl::StatusOr<DateFormat> format = DateFormat::Compile(*format_text, static_cast<int>(*pivot));
  if (!format.ok()) return args.Error(format.status().message());
  if (!format->has_date()) {
    return args.Error(absl::StrCat("format ", Quote(*format_text),
                                   " has a time but no date: concat the date and time fields "
                                   "first and read them together (e.g. CCYYMMDDHHMMSS)"));
  }
  if (args.Get("pivot").has_value() && !format->uses_two_digit_year()) {
    return args.Error(absl::StrCat("'pivot' applies to two-digit years (YY) only, and format ",
                                   Quote(*format_text), " has none"));
  }
  DateArgs out{*std::move(format), std::nullopt, Ambiguous::kEarlier};
  if (std::optional<std::string> tz_name = args.Get("tz"); tz_name.has_value()) {
    if (!for_timestamp && !out.format.may_have_offset()) {
      return args.Error(absl::StrCat("format ", Quote(*format_text),
                                     " has no UTC offset, so 'tz' does not apply to a date "
                                     "(use 'timestamp' for the start of that day in a time "
                                     "zone)"));
    }
    absl::TimeZone tz;
    if (!absl::LoadTimeZone(*tz_name, &tz)) {
      return args.Error(absl::StrCat("unknown time zone ", Quote(*tz_name),
                                     " (use an IANA name such as Europe/London, or UTC)"));
    }
    out.tz = tz;
  } else if (for_timestamp && !out.format.may_have_offset()) {
    return args.Error(absl::StrCat("format ", Quote(*format_text),
                                   " has no UTC offset: give 'tz', the time zone the source "
                                   "writes local times in (e.g. tz=\"Europe/London\" or "
                                   "tz=\"UTC\")"));
  }
  absl::StatusOr<std::string> ambiguous =
      args.OneOf("ambiguous", {"earlier", "later", "error"}, "earlier");
  if (!ambiguous.ok()) return ambiguous.status();
  out.ambiguous = *ambiguous == "later"   ? Ambiguous::kLater
                  : *ambiguous == "error" ? Ambiguous::kError
                                          : Ambiguous::kEarlier;
  return out;
}

// ---- date ----

// A calendar date as written; when the input carries a UTC offset and 'tz' is given, the date of
// that instant in tz.
class DateParse final : public Transform {
 public:
  explicit DateParse(DateArgs args) : args_(std::move(args)) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    switch (in.kind()) {
      case ValueKind::kNull:
      case ValueKind::kDate:
        return in;
      case ValueKind::kTimestamp:
        if (!args_.tz.has_value()) {
          return absl::InvalidArgumentError(
              "a timestamp has no calendar date until a time zone is given ('tz')");
        }
        return Value::OfDate(ToDate(absl::ToCivilDay(FromTimestamp(in.timestamp()), *args_.tz)));
      default:
        break;
    }
    absl::StatusOr<absl::string_view> text = RequireText(in);
    if (!text.ok()) return text.status();
    absl::StatusOr<ParsedDateTime> parsed = args_.format.Parse(*text);
    if (!parsed.ok()) return parsed.status();
    if (parsed->instant.has_value() && args_.tz.has_value()) {
      return Value::OfDate(ToDate(absl::ToCivilDay(*parsed->instant, *args_.tz)));
    }
    return Value::OfDate(ToDate(absl::CivilDay(parsed->civil)));
  }

 private:
  DateArgs args_;
};

Built MakeDate(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<DateArgs> a = ReadDateArgs(args, /*for_timestamp=*/false);
  if (!a.ok()) return a.status();
  return Make<DateParse>(*std::move(a));
}

// ---- timestamp ----

// An instant (UTC). Local times are read in 'tz'; a date without time is the start of that day.
class TimestampParse final : public Transform {
 public:
  explicit TimestampParse(DateArgs args) : args_(std::move(args)) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    switch (in.kind()) {
      case ValueKind::kNull:
      case ValueKind::kTimestamp:
        return in;
      case ValueKind::kDate: {
        const Date& d = in.date();
        return Local(in.ToString(), absl::CivilSecond(d.year, d.month, d.day), 0);
      }
      default:
        break;
    }
    absl::StatusOr<absl::string_view> text = RequireText(in);
    if (!text.ok()) return text.status();
    absl::StatusOr<ParsedDateTime> parsed = args_.format.Parse(*text);
    if (!parsed.ok()) return parsed.status();
    if (parsed->instant.has_value()) return Value::OfTimestamp(ToTimestamp(*parsed->instant));
    return Local(*text, parsed->civil, parsed->nanos);
  }

 private:
  Result Local(absl::string_view text, absl::CivilSecond civil, int32_t nanos) const {
    if (!args_.tz.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          Quote(text), " has no UTC offset and the mapping gives no time zone ('tz')"));
    }
    absl::StatusOr<absl::Time> t = ResolveLocal(text, civil, nanos, *args_.tz, args_.ambiguous);
    if (!t.ok()) return t.status();
    return Value::OfTimestamp(ToTimestamp(*t));
  }

  DateArgs args_;
};

Built MakeTimestamp(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<DateArgs> a = ReadDateArgs(args, /*for_timestamp=*/true);
  if (!a.ok()) return a.status();
  return Make<TimestampParse>(*std::move(a));
}

// ---- utc-offset ----

// The UTC offset a date-time is written with, as text: "+01:00", "-05:30", "+00:00" for "Z".
// What a timestamp (an instant) loses: the zone the source was in (a till's local time).
class UtcOffset final : public TextTransform {
 public:
  explicit UtcOffset(DateFormat format) : format_(std::move(format)) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    absl::StatusOr<ParsedDateTime> parsed = format_.Parse(text);
    if (!parsed.ok()) return parsed.status();
    if (!parsed->instant.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(Quote(text), " has no UTC offset"));
    }
    const absl::Time local =
        absl::FromCivil(parsed->civil, absl::UTCTimeZone()) + absl::Nanoseconds(parsed->nanos);
    const int64_t seconds = absl::ToInt64Seconds(local - *parsed->instant);
    const int64_t magnitude = seconds < 0 ? -seconds : seconds;
    return Value::Text(absl::StrFormat("%c%02d:%02d", seconds < 0 ? '-' : '+', magnitude / 3600,
                                       (magnitude / 60) % 60));
  }

 private:
  DateFormat format_;
};

Built MakeUtcOffset(const ArgReader& args, const TransformSpec&) {
  const std::string format = args.Get("format").value_or("ISO-8601");
  absl::StatusOr<DateFormat> compiled = DateFormat::Compile(format, 1950);
  if (!compiled.ok()) return args.Error(compiled.status().message());
  if (!compiled->may_have_offset()) {
    return args.Error(absl::StrCat("the format ", Quote(format),
                                   " never carries a UTC offset (use ISO-8601, or %z)"));
  }
  return Make<UtcOffset>(*std::move(compiled));
}

}  // namespace

void AddDateTransforms(std::vector<TransformDef>& defs) {
  defs.push_back({"date", {"format", "tz", "pivot"}, MakeDate});
  defs.push_back({"timestamp", {"format", "tz", "pivot", "ambiguous"}, MakeTimestamp});
  defs.push_back({"utc-offset", {"format"}, MakeUtcOffset});
}

}  // namespace omnihub::mapping
