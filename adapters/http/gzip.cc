#include "adapters/http/gzip.h"

#include <zlib.h>

#include "absl/status/status.h"

namespace omnihub::http {

absl::StatusOr<std::string> Gunzip(const std::string& compressed, std::size_t max_decoded_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return absl::InternalError("zlib inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    const std::size_t produced = sizeof(chunk) - stream.avail_out;
    if (out.size() + produced > max_decoded_bytes) {
      inflateEnd(&stream);
      return absl::ResourceExhaustedError("gzip response body decodes to more than " +
                                          std::to_string(max_decoded_bytes) +
                                          " bytes (limit); refused");
    }
    out.append(chunk, produced);
    if (rc == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // another gzip member follows
      continue;
    }
    if (stream.avail_in == 0 && produced == 0) {
      rc = Z_BUF_ERROR;  // input ended before the stream did
      break;
    }
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    return absl::DataLossError("gzip response body is corrupt or truncated");
  }
  return out;
}

std::string Gzip(const std::string& plain) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(plain.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  stream.avail_in = static_cast<uInt>(plain.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace omnihub::http
