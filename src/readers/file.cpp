// Reading inputs: files (plain, .bz2, .gz) and stdin, with checks for
// empty, binary and invalid UTF-8 input before any parsing.
#include <bzlib.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <memory>
#include <unistd.h>

#include "diplograph/reader.hpp"

namespace diplograph {
namespace {

constexpr std::size_t chunk_size = 1 << 20;

Error file_error(Status status, const std::string& path, std::string message) {
  Error e = make_error(status, std::move(message));
  e.file = path;
  return e;
}

// A byte source: plain file, bzip2 or gzip, chunk by chunk.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Appends up to `max` bytes; false at the end.
  virtual Result<bool> read(std::string& out, std::size_t max) = 0;
  /// Input bytes consumed so far (compressed bytes for bzip2 and gzip).
  virtual std::uint64_t position() = 0;
};

class PlainSource final : public ByteSource {
 public:
  PlainSource(std::FILE* f, std::string path, bool owned) : f_(f), path_(std::move(path)), owned_(owned) {}
  ~PlainSource() override {
    if (owned_) std::fclose(f_);
  }
  Result<bool> read(std::string& out, std::size_t max) override {
    std::size_t old = out.size();
    out.resize(old + max);
    std::size_t got = std::fread(out.data() + old, 1, max, f_);
    out.resize(old + got);
    if (got == 0 && std::ferror(f_)) return file_error(Status::io_error, path_, std::strerror(errno));
    return got > 0;
  }
  std::uint64_t position() override {
    long at = std::ftell(f_);
    return at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }

 private:
  std::FILE* f_;
  std::string path_;
  bool owned_;
};

class Bzip2Source final : public ByteSource {
 public:
  Bzip2Source(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {
    int error = BZ_OK;
    bz_ = BZ2_bzReadOpen(&error, f_, 0, 0, nullptr, 0);
    if (error != BZ_OK) bz_ = nullptr;
  }
  ~Bzip2Source() override {
    int error = BZ_OK;
    if (bz_) BZ2_bzReadClose(&error, bz_);
    std::fclose(f_);
  }
  Result<bool> read(std::string& out, std::size_t max) override {
    if (done_) return false;
    if (!bz_) return file_error(Status::bad_input, path_, "not bzip2 data");
    std::size_t old = out.size();
    out.resize(old + max);
    int error = BZ_OK;
    int got = BZ2_bzRead(&error, bz_, out.data() + old, static_cast<int>(max));
    out.resize(old + static_cast<std::size_t>(got > 0 ? got : 0));
    if (error == BZ_STREAM_END) {
      // Concatenated streams (pbzip2): continue with the unused bytes.
      void* unused = nullptr;
      int n_unused = 0;
      BZ2_bzReadGetUnused(&error, bz_, &unused, &n_unused);
      std::string rest(static_cast<char*>(unused), static_cast<std::size_t>(n_unused));
      BZ2_bzReadClose(&error, bz_);
      bz_ = nullptr;
      if (rest.empty() && std::feof(f_)) {
        done_ = true;
        return got > 0;
      }
      bz_ = BZ2_bzReadOpen(&error, f_, 0, 0, rest.empty() ? nullptr : rest.data(),
                           static_cast<int>(rest.size()));
      if (error != BZ_OK) {
        bz_ = nullptr;
        done_ = true;
      }
      return true;
    }
    if (error != BZ_OK)
      return file_error(Status::bad_input, path_, "corrupt or truncated bzip2 data (code " + std::to_string(error) + ")");
    return true;
  }
  std::uint64_t position() override {
    long at = std::ftell(f_);
    return at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }

 private:
  std::FILE* f_;
  std::string path_;
  BZFILE* bz_ = nullptr;
  bool done_ = false;
};

class GzipSource final : public ByteSource {
 public:
  GzipSource(int fd, std::string path) : path_(std::move(path)) { gz_ = gzdopen(fd, "rb"); }
  ~GzipSource() override {
    if (gz_) gzclose(gz_);
  }
  Result<bool> read(std::string& out, std::size_t max) override {
    if (!gz_) return file_error(Status::bad_input, path_, "cannot open gzip stream");
    std::size_t old = out.size();
    out.resize(old + max);
    int got = gzread(gz_, out.data() + old, static_cast<unsigned>(max));
    if (got < 0) {
      out.resize(old);
      int code = 0;
      return file_error(Status::bad_input, path_, std::string("corrupt gzip data: ") + gzerror(gz_, &code));
    }
    out.resize(old + static_cast<std::size_t>(got));
    return got > 0;
  }
  std::uint64_t position() override {
    if (!gz_) return 0;
    z_off_t at = gzoffset(gz_);
    return at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }

 private:
  std::string path_;
  gzFile gz_ = nullptr;
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<std::unique_ptr<ByteSource>> open_source(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(stdin, "-", false));
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return file_error(Status::not_found, path, "no such file");
  if (std::filesystem::is_directory(path, ec)) return file_error(Status::bad_argument, path, "is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return file_error(Status::io_error, path, std::string("cannot open: ") + std::strerror(errno));
  if (ends_with(path, ".bz2")) return std::unique_ptr<ByteSource>(std::make_unique<Bzip2Source>(f, path));
  if (ends_with(path, ".gz")) {
    int fd = dup(fileno(f));
    std::fclose(f);
    return std::unique_ptr<ByteSource>(std::make_unique<GzipSource>(fd, path));
  }
  return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(f, path, true));
}

Outcome check_content(std::string_view bytes) {
  bool only_space = true;
  for (char c : bytes)
    if (!std::isspace(static_cast<unsigned char>(c))) {
      only_space = false;
      break;
    }
  if (only_space) return make_error(Status::empty_input, "empty input (no text)");
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    Error e = make_error(Status::bad_encoding, "binary data, not text (NUL byte at byte " + std::to_string(nul) + ")");
    e.byte_offset = nul;
    return e;
  }
  // Text has few control characters besides tab, line feed, carriage
  // return and form feed; many of them in the first 64 KiB mean binary data.
  std::string_view head = bytes.substr(0, 64 * 1024);
  std::size_t controls = 0;
  std::size_t first_control = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(head[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
      if (controls++ == 0) first_control = i;
    }
  }
  if (controls >= 4 && controls * 10 > head.size()) {
    Error e = make_error(Status::bad_encoding, "binary data, not text (" + std::to_string(controls) +
                                                   " control characters in the first " +
                                                   std::to_string(head.size()) + " bytes)");
    e.byte_offset = first_control;
    return e;
  }
  return validate_utf8(bytes);
}

}  // namespace

Outcome read_buffer(std::string_view source, std::string_view bytes, const ReadOptions& options,
                    const DocumentSink& sink) {
  std::string name(source);
  if (bytes.size() > options.max_document_bytes)
    return file_error(Status::bad_input, name, "input larger than " + std::to_string(options.max_document_bytes) + " bytes");
  if (Outcome ok = check_content(bytes); !ok) return ok.error().in_file(name);
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // offsets count from after a BOM
  InputFormat format = options.format == InputFormat::automatic
                           ? detect_format(source, bytes.substr(0, 4096))
                           : options.format;
  Result<Document> doc = make_error(Status::internal, "no reader");
  switch (format) {
    case InputFormat::mediawiki_xml: {
      bool given = false;
      return read_mediawiki_xml(
          source,
          [&](std::string& buffer) -> Result<bool> {
            if (given) return false;
            given = true;
            buffer.append(bytes);
            return true;
          },
          options, sink);
    }
    case InputFormat::html: doc = read_html(source, bytes); break;
    case InputFormat::xml_document: doc = read_xml_document(source, bytes); break;
    case InputFormat::markdown: doc = read_markdown(source, bytes); break;
    case InputFormat::wikitext: doc = read_wikitext_dump(source, bytes); break;
    case InputFormat::mediawiki: {
      std::string title = std::filesystem::path(name).stem().string();
      std::replace(title.begin(), title.end(), '_', ' ');
      doc = read_mediawiki_markup(source, title, bytes);
      if (doc) doc->id = document_stem(name);
      break;
    }
    default: doc = read_plain_text(source, bytes); break;
  }
  if (!doc) return doc.error().in_file(name);
  return sink(std::move(*doc));
}

Outcome read_file(const std::string& path, const ReadOptions& options, const DocumentSink& sink) {
  auto source = open_source(path);
  if (!source) return source.error();
  std::string head;
  auto first = (*source)->read(head, 64 * 1024);
  if (!first) return first.error();
  InputFormat format = options.format == InputFormat::automatic ? detect_format(path, head) : options.format;
  if (format == InputFormat::mediawiki_xml) {
    // Stream: the first chunk, then the rest chunk by chunk.
    bool head_given = false;
    std::size_t checked = 0;
    auto next = [&](std::string& buffer) -> Result<bool> {
      std::string chunk;
      if (!head_given) {
        head_given = true;
        chunk = std::move(head);
        if (chunk.empty()) return make_error(Status::empty_input, "empty input (no text)");
      } else {
        auto more = (*source)->read(chunk, chunk_size);
        if (!more) return more.error();
        if (options.on_bytes) options.on_bytes((*source)->position());
        if (!*more) return false;
      }
      if (auto nul = chunk.find('\0'); nul != std::string::npos) {
        Error e = make_error(Status::bad_encoding, "binary data, not text (NUL byte at byte " +
                                                       std::to_string(checked + nul) + ")");
        e.byte_offset = checked + nul;
        return e;
      }
      checked += chunk.size();
      buffer += chunk;
      return true;
    };
    Outcome r = read_mediawiki_xml(path, next, options, sink);
    if (!r) return r.error().in_file(path);
    return {};
  }
  std::string bytes = std::move(head);
  std::size_t scanned = 0;
  while (true) {
    // A NUL byte means binary data: stop at once, not after reading (or
    // decompressing a bomb) up to max_document_bytes of it.
    if (auto nul = bytes.find('\0', scanned); nul != std::string::npos) {
      Error e = file_error(Status::bad_encoding, path,
                           "binary data, not text (NUL byte at byte " + std::to_string(nul) + ")");
      e.byte_offset = nul;
      return e;
    }
    scanned = bytes.size();
    if (bytes.size() > options.max_document_bytes)
      return file_error(Status::bad_input, path, "input larger than " + std::to_string(options.max_document_bytes) + " bytes");
    auto more = (*source)->read(bytes, chunk_size);
    if (!more) return more.error();
    if (options.on_bytes) options.on_bytes((*source)->position());
    if (!*more) break;
  }
  ReadOptions resolved = options;
  resolved.format = format;
  return read_buffer(path, bytes, resolved, sink);
}

}  // namespace diplograph
