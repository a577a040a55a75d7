#include "diplograph/result.hpp"

namespace diplograph {

const char* status_string(Status status) {
  switch (status) {
    case Status::success: return "success";
    case Status::failure: return "failure";
    case Status::bad_argument: return "bad argument";
    case Status::bad_input: return "bad input";
    case Status::bad_encoding: return "bad encoding";
    case Status::empty_input: return "empty input";
    case Status::io_error: return "I/O error";
    case Status::not_found: return "not found";
    case Status::unsupported: return "unsupported";
    case Status::internal: return "internal error";
    case Status::limit_exceeded: return "limit exceeded";
    case Status::cancelled: return "cancelled";
  }
  return "unknown status";
}

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out = file;
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
      if (column > 0) {
        out += ':';
        out += std::to_string(column);
      }
    } else if (byte_offset) {
      out += ": byte " + std::to_string(*byte_offset);
    }
    out += ": ";
  } else if (byte_offset) {
    out = "byte " + std::to_string(*byte_offset) + ": ";
  }
  return out + message;
}

Error Error::in_file(std::string path) const {
  Error e = *this;
  if (e.file.empty()) e.file = std::move(path);
  return e;
}

}  // namespace diplograph
