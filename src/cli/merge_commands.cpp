// `diplograph merge SHARD.nt... [-o OUT.nt]`: the N-Triples of
// `build --shard K/N` runs joined into what one unsharded build writes
// (conflicts and truthy dates recomputed across all shards), sorted.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "diplograph/merge.hpp"

namespace diplograph::cli {

void add_merge_commands(CLI::App& app, Commands& commands) {
  struct MergeArgs {
    std::vector<std::string> inputs;
    std::string output = "-";
    bool quiet = false;
    std::size_t memory_mb = 128;
  };
  auto a = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join the N-Triples outputs of `build --shard K/N -f ntriples` into the unsharded graph:\n"
      "per-document triples are kept; dg:Conflict nodes and the truthy dg:date of treaties and\n"
      "events are computed again across all shards. Output: sorted, unique N-Triples lines.");
  cmd->add_option("inputs", a->inputs, "N-Triples files written by build (one per shard)")->required();
  cmd->add_option("-o,--output", a->output, "Output N-Triples file (default: stdout; written atomically)");
  cmd->add_flag("-q,--quiet", a->quiet, "No summary on stderr");
  cmd->add_option("--memory", a->memory_mb,
                  "MB of lines sorted in memory; beyond that, sorted runs go to temporary files in $TMPDIR "
                  "(else /tmp), about the output's size in all")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  add_version_flag(cmd);
  commands.push_back({cmd, [a] {
                        auto summary = run_merge(a->inputs, a->output, a->memory_mb << 20);
                        if (!summary) return fail(summary.error());
                        for (const auto& w : summary->warnings) std::fprintf(stderr, "diplograph: warning: %s\n", w.c_str());
                        if (!a->quiet)
                          std::fprintf(stderr,
                                       "diplograph: merged %zu input%s (%zu triples, %zu statement nodes) -> %s\n"
                                       "  recomputed: %zu conflicts, %zu truthy dates (%zu cross-document triples read)\n"
                                       "  triples: %zu\n",
                                       summary->inputs, summary->inputs == 1 ? "" : "s", summary->input_triples,
                                       summary->statements, a->output.c_str(), summary->conflicts,
                                       summary->entity_dates, summary->dropped, summary->triples);
                        return 0;
                      }});
}

}  // namespace diplograph::cli
