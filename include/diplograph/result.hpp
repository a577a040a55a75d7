#pragma once
/// Errors as values: one status enum for the library, an Error that carries
/// where the problem is (file, line, column, byte offset), and Result<T>.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace diplograph {

enum class Status {
  success,
  failure,       ///< non-fatal: nothing to do or nothing found
  bad_argument,  ///< the caller passed something unusable
  bad_input,     ///< malformed input (syntax, structure)
  bad_encoding,  ///< not valid UTF-8, or binary data
  empty_input,   ///< the input has no content
  io_error,      ///< reading or writing failed
  not_found,     ///< a named file or entity does not exist
  unsupported,   ///< a format or feature we do not handle
  internal,      ///< a library we call failed unexpectedly
  limit_exceeded,  ///< a result or a run went past a limit the caller set
  cancelled,       ///< the caller stopped the work before it finished
};

/// Short lowercase name for a status ("bad input").
const char* status_string(Status status);

/// An error with its place. Unknown parts stay empty/zero.
struct Error {
  Status status = Status::internal;
  std::string message;
  std::string file;
  std::size_t line = 0;    ///< 1-based, 0 = unknown
  std::size_t column = 0;  ///< 1-based, 0 = unknown
  std::optional<std::size_t> byte_offset;

  /// "file:line:col: message" or "file: byte N: message" or "message".
  std::string to_string() const;
  /// Returns a copy with `file` set if it was empty.
  Error in_file(std::string path) const;
};

inline Error make_error(Status status, std::string message) {
  Error e;
  e.status = status;
  e.message = std::move(message);
  return e;
}

/// Value or Error. Accessing the wrong alternative is a programmer error and
/// throws std::logic_error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(data_).message);
    return std::get<0>(data_);
  }
  const T& value() const& {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(data_).message);
    return std::get<0>(data_);
  }
  T&& value() && {
    if (!ok()) throw std::logic_error("Result::value() on error: " + std::get<1>(data_).message);
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    if (ok()) throw std::logic_error("Result::error() on success");
    return std::get<1>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    if (ok()) throw std::logic_error("Result::error() on success");
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

using Outcome = Result<void>;

}  // namespace diplograph

/// Early return of an error from an expression yielding Result<...>.
#define DG_TRY(expr)                                       \
  do {                                                     \
    auto dg_try_result_ = (expr);                          \
    if (!dg_try_result_.ok()) return dg_try_result_.error(); \
  } while (0)
