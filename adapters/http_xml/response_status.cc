#include "adapters/http_xml/response_status.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace omnihub::http_xml {
namespace {

std::string Snippet(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 160)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (body.size() > 160) out += "...";
  return out;
}

}  // namespace

absl::Status StatusOfHttp(const std::string& system, const std::string& operation,
                          const http::Response& response) {
  const int status = response.status;
  if (status >= 200 && status < 300) {
    const auto type = response.Header("Content-Type");
    if (type && absl::AsciiStrToLower(*type).find("xml") == std::string::npos) {
      return absl::DataLossError(absl::StrCat(system, " ", operation, ": HTTP ", status,
                                              " with Content-Type '", Snippet(*type),
                                              "', not XML: ", Snippet(response.body)));
    }
    return absl::OkStatus();
  }
  const std::string message =
      absl::StrCat(system, " ", operation, ": HTTP ", status, ": ", Snippet(response.body));
  if (status == 404) return absl::NotFoundError(message);
  if (status == 400 || status == 413 || status == 415 || status == 422) {
    return absl::InvalidArgumentError(message);
  }
  if (status == 401 || status == 403) {
    return absl::FailedPreconditionError(message + " (credentials refused; check the credential)");
  }
  return absl::UnavailableError(message);
}

absl::StatusOr<mapping::engine::XmlAnswer> ReadAnswer(
    const mapping::engine::CompiledSystem& system,
    const mapping::engine::CompiledOperation& operation, const http::Response& response) {
  const std::string& name = operation.name;
  if (auto status = StatusOfHttp(system.name, name, response); !status.ok()) return status;
  auto answer = mapping::engine::ReadXmlAnswer(operation, response.body);
  if (!answer.ok()) {
    return absl::DataLossError(absl::StrCat(
        system.name, " ", name, ": the answer cannot be read: ", answer.status().message()));
  }
  if (auto status = mapping::engine::CheckXmlResult(system, name, *answer); !status.ok()) {
    return status;
  }
  return answer;
}

}  // namespace omnihub::http_xml
