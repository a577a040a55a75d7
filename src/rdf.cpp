#include "diplograph/rdf.hpp"

#include <serd/serd.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace diplograph {
namespace {

struct ParseState {
  SerdEnv* env = nullptr;
  const TripleSink* sink = nullptr;
  std::string name;
  std::optional<Error> error;
};

std::string node_string(const SerdNode* node) {
  if (!node || !node->buf) return {};
  return std::string(reinterpret_cast<const char*>(node->buf), node->n_bytes);
}

// Expands CURIEs and resolves relative IRIs so callers only see full IRIs.
std::string expand_iri(SerdEnv* env, const SerdNode* node) {
  if (node->type == SERD_CURIE) {
    SerdChunk prefix{}, suffix{};
    if (serd_env_expand(env, node, &prefix, &suffix) == SERD_SUCCESS) {
      std::string out(reinterpret_cast<const char*>(prefix.buf), prefix.len);
      out.append(reinterpret_cast<const char*>(suffix.buf), suffix.len);
      return out;
    }
    return node_string(node);
  }
  SerdNode expanded = serd_env_expand_node(env, node);
  if (expanded.buf) {
    std::string out = node_string(&expanded);
    serd_node_free(&expanded);
    return out;
  }
  return node_string(node);
}

Term make_term(SerdEnv* env, const SerdNode* node, const SerdNode* datatype,
               const SerdNode* lang) {
  Term term;
  switch (node->type) {
    case SERD_LITERAL:
      term.kind = TermKind::literal;
      term.value = node_string(node);
      if (datatype) term.datatype = expand_iri(env, datatype);
      if (lang) term.language = node_string(lang);
      break;
    case SERD_BLANK:
      term.kind = TermKind::blank;
      term.value = node_string(node);
      break;
    default:
      term.kind = TermKind::iri;
      term.value = expand_iri(env, node);
  }
  return term;
}

SerdStatus on_base(void* handle, const SerdNode* uri) {
  return serd_env_set_base_uri(static_cast<ParseState*>(handle)->env, uri);
}

SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  return serd_env_set_prefix(static_cast<ParseState*>(handle)->env, name, uri);
}

SerdStatus on_statement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode* s,
                        const SerdNode* p, const SerdNode* o, const SerdNode* datatype,
                        const SerdNode* lang) {
  auto* state = static_cast<ParseState*>(handle);
  // Serd hands on a prefixed name whose prefix was never declared; that is
  // a syntax error, not an IRI "undefined:x".
  for (const SerdNode* node : {s, p, o, datatype}) {
    SerdChunk prefix{}, suffix{};
    if (node && node->type == SERD_CURIE && serd_env_expand(state->env, node, &prefix, &suffix) != SERD_SUCCESS) {
      Error e = make_error(Status::bad_input, "undefined prefix in '" + node_string(node) + "'");
      e.file = state->name;
      state->error = e;
      return SERD_ERR_BAD_CURIE;
    }
  }
  Triple t{make_term(state->env, s, nullptr, nullptr), make_term(state->env, p, nullptr, nullptr),
           make_term(state->env, o, datatype, lang)};
  Outcome r = (*state->sink)(t);
  if (!r) {
    state->error = r.error();
    return SERD_FAILURE;
  }
  return SERD_SUCCESS;
}

SerdStatus on_error(void* handle, const SerdError* error) {
  auto* state = static_cast<ParseState*>(handle);
  if (state->error) return SERD_SUCCESS;  // keep the first one
  char buffer[512];
  va_list args;
  va_copy(args, *error->args);
  std::vsnprintf(buffer, sizeof buffer, error->fmt, args);
  va_end(args);
  std::string message(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  Error e = make_error(Status::bad_input, message);
  e.file = state->name;
  e.line = error->line;
  e.column = error->col;
  state->error = e;
  return SERD_SUCCESS;
}

Outcome run_reader(std::string_view name, RdfSyntax syntax, const TripleSink& sink,
                   const std::function<SerdStatus(SerdReader*)>& read) {
  std::string base_uri = "file:///" + std::string(name);
  SerdNode base = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base_uri.c_str()));
  std::unique_ptr<SerdEnv, decltype(&serd_env_free)> env(serd_env_new(&base), serd_env_free);
  ParseState state;
  state.env = env.get();
  state.sink = &sink;
  state.name = std::string(name);
  std::unique_ptr<SerdReader, decltype(&serd_reader_free)> reader(
      serd_reader_new(syntax == RdfSyntax::turtle ? SERD_TURTLE : SERD_NTRIPLES, &state, nullptr,
                      on_base, on_prefix, on_statement, nullptr),
      serd_reader_free);
  serd_reader_set_strict(reader.get(), true);
  serd_reader_set_error_sink(reader.get(), on_error, &state);
  SerdStatus st = read(reader.get());
  if (state.error) return *state.error;
  if (st != SERD_SUCCESS && st != SERD_FAILURE) {
    Error e = make_error(Status::bad_input, serd_strerror(st) ? reinterpret_cast<const char*>(serd_strerror(st)) : "parse error");
    e.file = state.name;
    return e;
  }
  return {};
}

}  // namespace

RdfSyntax syntax_for_path(std::string_view path) {
  return path.size() >= 3 && path.substr(path.size() - 3) == ".nt" ? RdfSyntax::ntriples
                                                                   : RdfSyntax::turtle;
}

Outcome parse_rdf_string(std::string_view name, std::string_view text, RdfSyntax syntax,
                         const TripleSink& sink) {
  std::string copy(text);  // serd wants a NUL-terminated string
  return run_reader(name, syntax, sink, [&](SerdReader* reader) {
    return serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(copy.c_str()));
  });
}

Outcome parse_rdf_file(const std::string& path, RdfSyntax syntax, const TripleSink& sink) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    Error e = make_error(Status::not_found, "no such file or directory");
    e.file = path;
    return e;
  }
  if (std::filesystem::is_directory(path, ec)) {
    Error e = make_error(Status::bad_argument, "is a directory, not an RDF file");
    e.file = path;
    return e;
  }
  std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) {
    Error e = make_error(Status::io_error, "cannot open for reading");
    e.file = path;
    return e;
  }
  return run_reader(path, syntax, sink, [&](SerdReader* reader) {
    SerdStatus st = serd_reader_read_file_handle(reader, file.get(),
                                                 reinterpret_cast<const uint8_t*>(path.c_str()));
    return st;
  });
}

}  // namespace diplograph
