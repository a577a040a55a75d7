// The search index's shards (see search_index.hpp).
#include "search_index.hpp"

#include <filesystem>
#include <set>

#include "diplograph/escape.hpp"
#include "diplograph/site.hpp"

namespace diplograph::site {
namespace {

constexpr std::size_t max_words_per_name = 8;

std::size_t shard_number(char c) { return c >= 'a' && c <= 'z' ? static_cast<std::size_t>(c - 'a') : static_cast<std::size_t>(26 + (c - '0')); }
char shard_letter(std::size_t i) { return i < 26 ? static_cast<char>('a' + i) : static_cast<char>('0' + (i - 26)); }

bool put(std::FILE* f, const std::string& text) { return std::fwrite(text.data(), 1, text.size(), f) == text.size(); }

}  // namespace

SearchIndexWriter::~SearchIndexWriter() {
  for (Shard& s : shards_) {
    if (s.entities) std::fclose(s.entities);
    if (s.names) std::fclose(s.names);
  }
}

Result<SearchIndexWriter::Shard*> SearchIndexWriter::shard(char first) {
  Shard& s = shards_[shard_number(first)];
  if (!s.entities) {
    std::string base = folder_ + "/" + shard_letter(shard_number(first));
    s.entities = std::fopen((base + ".entities.part").c_str(), "wb");
    s.names = std::fopen((base + ".names.part").c_str(), "wb");
    if (!s.entities || !s.names) return make_error(Status::io_error, "cannot write " + base + ".*.part");
  }
  return &s;
}

Outcome SearchIndexWriter::add(const std::string& label, const std::string& type, const std::string& path,
                               const std::vector<std::string>& names) {
  // Every word start of every name is a key; an entity is listed once per shard.
  std::set<std::pair<char, std::string>> keys;  // (shard letter, row text)
  std::array<std::size_t, shard_count> row_of{};
  row_of.fill(static_cast<std::size_t>(-1));
  std::string entity_row(1, '[');
  entity_row.append(json_quote(label)).append(",").append(json_quote(type)).append(",").append(json_quote(path)).append("]");
  for (const std::string& name : names) {
    std::string key = search_key(name);
    std::size_t words = 0;
    for (std::size_t pos = 0; pos < key.size() && words < max_words_per_name; ++words) {
      std::string suffix = key.substr(pos);
      auto got = shard(suffix[0]);
      if (!got) return got.error();
      Shard& s = **got;
      std::size_t n = shard_number(suffix[0]);
      if (row_of[n] == static_cast<std::size_t>(-1)) {
        if (!put(s.entities, (s.rows ? ",\n" : "") + entity_row)) return make_error(Status::io_error, "cannot write the search index");
        row_of[n] = s.rows++;
      }
      std::string row(1, '[');
      row.append(json_quote(suffix)).append(",").append(json_quote(name)).append(",");
      row.append(std::to_string(row_of[n])).append(",").append(std::to_string(pos)).append("]");
      if (keys.insert({suffix[0], row}).second) {
        bool first_row = std::ftell(s.names) == 0;
        if (!put(s.names, (first_row ? "" : ",\n") + row)) return make_error(Status::io_error, "cannot write the search index");
      }
      auto dash = key.find('-', pos);
      if (dash == std::string::npos) break;
      pos = dash + 1;
    }
  }
  return {};
}

Result<std::size_t> SearchIndexWriter::finish() {
  std::size_t files = 0;
  for (std::size_t i = 0; i < shard_count; ++i) {
    Shard& s = shards_[i];
    if (!s.entities) continue;
    bool closed = std::fclose(s.entities) == 0;
    closed = std::fclose(s.names) == 0 && closed;
    s.entities = s.names = nullptr;
    std::string base = folder_ + "/" + shard_letter(i);
    if (!closed) return make_error(Status::io_error, "cannot write " + base + ".*.part");
    std::FILE* out = std::fopen((base + ".js").c_str(), "wb");
    if (!out) return make_error(Status::io_error, "cannot write " + base + ".js");
    bool ok = put(out, std::string("dgSearchShard(\"") + shard_letter(i) + "\", [\n");
    for (const char* part : {".entities.part", ".names.part"}) {
      std::FILE* in = std::fopen((base + part).c_str(), "rb");
      if (!in) ok = false;
      char buffer[1 << 16];
      for (std::size_t n; in && (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;)
        ok = std::fwrite(buffer, 1, n, out) == n && ok;
      if (in) std::fclose(in);
      std::filesystem::remove(base + part);
      ok = put(out, part[1] == 'e' ? "\n], [\n" : "\n]);\n") && ok;
    }
    if (std::fclose(out) != 0 || !ok) return make_error(Status::io_error, "cannot write " + base + ".js");
    ++files;
  }
  return files;
}

}  // namespace diplograph::site
