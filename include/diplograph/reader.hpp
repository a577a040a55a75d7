#pragma once
/// Readers: bytes in some format -> Documents. Each reader calls a sink once
/// per document so that multi-page inputs (XML dumps) stream page by page.
#include <cstdint>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

enum class InputFormat {
  automatic,      ///< detect from name and content
  plain,          ///< "= Title =" headings, "| a | b |" tables, paragraphs
  wikitext,       ///< wiki-dump text: "[[Title]]" first line, "CATEGORIES:" line, "==" headings
  mediawiki,      ///< MediaWiki markup ([[link|label]], {{templates}}, <ref>, {| tables |})
  mediawiki_xml,  ///< MediaWiki XML export (<mediawiki><page>...)
  xml_document,   ///< any other XML document (TEI, DocBook, …): its prose
  html,           ///< HTML page
  markdown,       ///< CommonMark + GitHub tables (.md, .markdown)
};

/// "plain", "wikitext", "mediawiki", "mediawiki-xml", "xml-document", "html", "markdown", "auto".
const char* format_name(InputFormat format);
/// Parses a --input-format value; error lists the accepted names.
Result<InputFormat> parse_format_name(std::string_view name);

/// Guesses the format from the file name and the first bytes of content.
InputFormat detect_format(std::string_view path, std::string_view head);

/// Receives each document. Returning an error stops the reader, which
/// returns that error.
using DocumentSink = std::function<Outcome(Document&&)>;

struct ReadOptions {
  InputFormat format = InputFormat::automatic;
  /// Upper bound for one document's (or one XML page's) bytes; larger is an error.
  std::size_t max_document_bytes = std::size_t{256} << 20;
  /// MediaWiki XML: also read pages outside the main (article) namespace 0,
  /// such as talk or user pages. Redirect pages are always skipped.
  bool all_namespaces = false;
  /// MediaWiki XML: the namespaces to read when not all_namespaces (empty: {0}).
  std::vector<int> namespaces;
  /// MediaWiki XML: keep only pages whose title this matches (search, not
  /// full match); null keeps every page. Shared, so copies stay cheap.
  std::shared_ptr<const std::regex> pages;
  /// Called while a file is read with the input bytes consumed so far
  /// (compressed bytes for .bz2/.gz, so it can be compared with the file size).
  std::function<void(std::uint64_t)> on_bytes;
};

/// Reads a whole in-memory input named `source` (used for messages and
/// Document::source/id). Validates UTF-8 (error with byte offset), rejects
/// empty and binary input.
Outcome read_buffer(std::string_view source, std::string_view bytes, const ReadOptions& options,
                    const DocumentSink& sink);

/// Reads a file ("-" = stdin). MediaWiki XML files are streamed page by page,
/// never loaded whole.
Outcome read_file(const std::string& path, const ReadOptions& options, const DocumentSink& sink);

// Individual readers, for tests and for callers that know the format.
Result<Document> read_plain_text(std::string_view source, std::string_view text);
Result<Document> read_html(std::string_view source, std::string_view html);
/// Markdown: spans index the original bytes (markup blanked to spaces).
Result<Document> read_markdown(std::string_view source, std::string_view markdown);
Result<Document> read_wikitext_dump(std::string_view source, std::string_view text);
/// Any XML document but a MediaWiki export: blocks from elements with text.
Result<Document> read_xml_document(std::string_view source, std::string_view xml);
/// `title` comes from the caller (XML <title>) or is empty.
Result<Document> read_mediawiki_markup(std::string_view source, std::string_view title,
                                       std::string_view markup);
/// Streams a MediaWiki XML export from a chunk source: `next_chunk` fills
/// `buffer` with more bytes and returns false at end of input.
Outcome read_mediawiki_xml(std::string_view source,
                           const std::function<Result<bool>(std::string& buffer)>& next_chunk,
                           const ReadOptions& options, const DocumentSink& sink);

/// Checks UTF-8; on failure the error's byte_offset is the first bad byte.
Outcome validate_utf8(std::string_view bytes);

/// Lowercase ASCII slug: letters and digits, '-' between words ("Foreign
/// relations of Lithuania" -> "foreign-relations-of-lithuania"). Non-ASCII
/// letters are transliterated by ICU when possible.
std::string slugify(std::string_view text);

/// A file's name without folders, compression suffix (.bz2, .gz) and
/// extension: "docs/a.xml.bz2" -> "a"; "-" -> "stdin". Document ids and the
/// evaluator's gold-file matching both use it.
std::string document_stem(std::string_view path);

}  // namespace diplograph
