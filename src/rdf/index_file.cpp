// The binary index file of an IndexedGraph: the interned terms and the
// three sorted indexes as they are in memory, so loading is reading columns
// and re-hashing the terms, with no Turtle parse and no sort.
//
// Layout (little-endian, as written by this machine):
//   "DGINDEX1"  magic
//   u64 terms, u64 triples
//   terms: u8 kind, then u32 length + bytes of value; literals also datatype
//          and language the same way
//   columns, each u64 length + u32 values: spo_s spo_p spo_o s_offset
//          ops_p ops_s o_offset pso_s pso_o p_offset subjects predicates
//   "DGINDEX1"  again, so a cut file is told apart from a whole one
#include "diplograph/indexed_graph.hpp"

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace diplograph {
namespace {

static_assert(std::endian::native == std::endian::little, "the index file is little-endian");

constexpr char kMagic[8] = {'D', 'G', 'I', 'N', 'D', 'E', 'X', '1'};

class Writer {
 public:
  explicit Writer(std::ofstream& out) : out_(out) {}
  void bytes(const void* data, std::size_t n) { out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(n)); }
  void u8(std::uint8_t v) { bytes(&v, 1); }
  void u32(std::uint32_t v) { bytes(&v, 4); }
  void u64(std::uint64_t v) { bytes(&v, 8); }
  void text(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void column(const std::vector<std::uint32_t>& v) {
    u64(v.size());
    bytes(v.data(), v.size() * sizeof(std::uint32_t));
  }

 private:
  std::ofstream& out_;
};

// Reads from the whole file in memory; every read is bounds-checked, so a
// cut or foreign file ends in ok() == false, never past the buffer.
class Reader {
 public:
  explicit Reader(const std::string& data) : data_(data) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }
  bool bytes(void* out, std::size_t n) {
    if (!ok_ || data_.size() - pos_ < n) return ok_ = false;
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  std::uint8_t u8() {
    std::uint8_t v = 0;
    bytes(&v, 1);
    return v;
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    bytes(&v, 4);
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    bytes(&v, 8);
    return v;
  }
  std::string text() {
    std::uint32_t n = u32();
    if (!ok_ || data_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::vector<std::uint32_t> column() {
    std::uint64_t n = u64();
    if (!ok_ || (data_.size() - pos_) / sizeof(std::uint32_t) < n) {
      ok_ = false;
      return {};
    }
    std::vector<std::uint32_t> v(n);
    bytes(v.data(), n * sizeof(std::uint32_t));
    return v;
  }

 private:
  const std::string& data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

Error index_error(const std::string& path, const std::string& message) {
  Error e = make_error(Status::bad_input, message);
  e.file = path;
  return e;
}

bool ids_below(const std::vector<std::uint32_t>& column, std::size_t limit) {
  for (std::uint32_t v : column)
    if (v >= limit) return false;
  return true;
}

// Offsets of a column: one per term plus one, rising from 0 to the triples.
bool offsets_fit(const std::vector<std::uint32_t>& offset, std::size_t terms, std::size_t triples) {
  if (offset.size() != terms + 1 || offset.front() != 0 || offset.back() != triples) return false;
  for (std::size_t i = 1; i < offset.size(); ++i)
    if (offset[i] < offset[i - 1]) return false;
  return true;
}

}  // namespace

Outcome IndexedGraph::save_index(const std::string& path) const {
  // Write beside the target and rename, so a failed run leaves no half file.
  std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      Error e = make_error(Status::io_error, "cannot write the index file");
      e.file = path;
      return e;
    }
    Writer w(out);
    w.bytes(kMagic, sizeof kMagic);
    w.u64(terms_->size());
    w.u64(spo_s_.size());
    for (std::size_t i = 0; i < terms_->size(); ++i) {
      const Term& t = terms_->term(static_cast<TermId>(i));
      w.u8(static_cast<std::uint8_t>(t.kind));
      w.text(t.value);
      if (t.kind == TermKind::literal) {
        w.text(t.datatype);
        w.text(t.language);
      }
    }
    for (const auto* column : {&spo_s_, &spo_p_, &spo_o_, &s_offset_, &ops_p_, &ops_s_, &o_offset_, &pso_s_,
                               &pso_o_, &p_offset_, &distinct_subjects_, &distinct_predicates_})
      w.column(*column);
    w.bytes(kMagic, sizeof kMagic);
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      Error e = make_error(Status::io_error, "cannot write the index file (disk full?)");
      e.file = path;
      return e;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    Error e = make_error(Status::io_error, "cannot move the index file into place");
    e.file = path;
    return e;
  }
  return {};
}

bool IndexedGraph::is_index_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[sizeof kMagic] = {};
  return in.read(head, sizeof head) && std::memcmp(head, kMagic, sizeof kMagic) == 0;
}

Result<std::shared_ptr<IndexedGraph>> IndexedGraph::load_index(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error(Status::not_found, "no such file or directory");
    e.file = path;
    return e;
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Reader r(data);
  char magic[sizeof kMagic] = {};
  if (!r.bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return index_error(path, "not a diplograph index file");
  const std::uint64_t n_terms = r.u64(), n_triples = r.u64();
  if (!r.ok() || n_terms >= no_term || n_triples >= no_term) return index_error(path, "index file is damaged (bad header)");

  auto terms = std::make_shared<TermTable>();
  terms->reserve(static_cast<std::size_t>(n_terms));
  for (std::uint64_t i = 0; i < n_terms && r.ok(); ++i) {
    Term t;
    std::uint8_t kind = r.u8();
    if (kind > static_cast<std::uint8_t>(TermKind::literal)) return index_error(path, "index file is damaged (bad term)");
    t.kind = static_cast<TermKind>(kind);
    t.value = r.text();
    if (t.kind == TermKind::literal) {
      t.datatype = r.text();
      t.language = r.text();
    }
    if (r.ok() && terms->intern(t) != i) return index_error(path, "index file is damaged (repeated term)");
  }
  auto g = std::make_shared<IndexedGraph>(terms);
  for (auto* column : {&g->spo_s_, &g->spo_p_, &g->spo_o_, &g->s_offset_, &g->ops_p_, &g->ops_s_, &g->o_offset_,
                       &g->pso_s_, &g->pso_o_, &g->p_offset_, &g->distinct_subjects_, &g->distinct_predicates_})
    *column = r.column();
  if (!r.bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 || !r.at_end())
    return index_error(path, "index file is cut short or damaged");

  // Every id and offset is checked, so lookups never read out of bounds.
  const auto terms_n = static_cast<std::size_t>(n_terms), triples_n = static_cast<std::size_t>(n_triples);
  bool fits = true;
  for (const auto* column : {&g->spo_s_, &g->spo_p_, &g->spo_o_, &g->ops_p_, &g->ops_s_, &g->pso_s_, &g->pso_o_})
    fits = fits && column->size() == triples_n && ids_below(*column, terms_n);
  fits = fits && ids_below(g->distinct_subjects_, terms_n) && ids_below(g->distinct_predicates_, terms_n);
  for (const auto* offset : {&g->s_offset_, &g->o_offset_, &g->p_offset_})
    fits = fits && offsets_fit(*offset, terms_n, triples_n);
  if (!fits) return index_error(path, "index file is damaged (ids out of range)");
  return g;
}

}  // namespace diplograph
