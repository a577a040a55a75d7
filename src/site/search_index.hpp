#pragma once
// The client-side search index: one file per first letter of the keys,
// search/<letter>.js, each a call `dgSearchShard(letter, entities, names)`
// around two JSON arrays, so the page can load it with a script element
// (file:// pages may not fetch() JSON). Rows stream to part files while the
// pages are written, so memory stays flat however many entities there are.
#include <array>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "diplograph/result.hpp"

namespace diplograph::site {

class SearchIndexWriter {
 public:
  explicit SearchIndexWriter(std::string folder) : folder_(std::move(folder)) {}
  ~SearchIndexWriter();
  SearchIndexWriter(const SearchIndexWriter&) = delete;
  SearchIndexWriter& operator=(const SearchIndexWriter&) = delete;

  /// One entity: its label, type, site-relative page path and every name.
  Outcome add(const std::string& label, const std::string& type, const std::string& path,
              const std::vector<std::string>& names);
  /// Writes the shard files and removes the parts; returns how many files.
  Result<std::size_t> finish();

 private:
  struct Shard {
    std::FILE* entities = nullptr;
    std::FILE* names = nullptr;
    std::size_t rows = 0;
  };
  static constexpr std::size_t shard_count = 36;  // a-z, 0-9
  Result<Shard*> shard(char first);
  std::string folder_;
  std::array<Shard, shard_count> shards_{};
};

}  // namespace diplograph::site
