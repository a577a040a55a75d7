// Any XML document that is not a MediaWiki export (TEI, DocBook, JATS, a
// ministry's own schema): its prose, read with pugixml. An element with text
// of its own is a block, holding all the text beneath it; "head", "title"
// and "h1"…"h6" are headings, list items are list items, and metadata
// ("teiHeader", "metadata") and footnotes are not prose. The document's
// title is its first <title>. Only the five predefined entities are
// expanded; a DOCTYPE is skipped, so nothing is fetched.
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "diplograph/reader.hpp"
#include "diplograph/tokens.hpp"

namespace diplograph {
namespace {

std::string lower_name(const pugi::xml_node& node) {
  std::string name = node.name();
  if (auto colon = name.find(':'); colon != std::string::npos) name.erase(0, colon + 1);  // namespace prefix
  return ascii_lower(name);
}

bool skipped(const std::string& name) {
  return name.ends_with("header") || name == "metadata" || name == "note" || name == "script" ||
         name == "style" || name == "fn" || name == "footnote";
}

bool heading(const std::string& name) {
  return name == "head" || name == "title" || name == "heading" ||
         (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
}

bool list_item(const std::string& name) { return name == "item" || name == "li" || name == "listitem"; }

bool section(const std::string& name) { return name == "div" || name == "section" || name == "sect1" || name == "sect2" || name == "sec"; }

bool has_own_text(const pugi::xml_node& node) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
    for (const char* c = child.value(); *c; ++c)
      if (!std::isspace(static_cast<unsigned char>(*c))) return true;
  }
  return false;
}

// Nesting deeper than this is not read (no stack overflow on hostile input).
constexpr int max_depth = 200;

void gather_text(const pugi::xml_node& node, std::string& out, int level = 0) {
  if (level > max_depth) return;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element && !skipped(lower_name(child))) {
      gather_text(child, out, level + 1);
    }
  }
}

struct Walker {
  Document& doc;
  std::vector<std::string> path;  // headings of the enclosing sections
  int depth = 0;                  // section nesting

  void add_block(BlockKind kind, const std::string& raw) {
    std::string text = collapse_spaces(raw);
    if (text.empty()) return;
    if (!doc.text.empty()) doc.text += "\n\n";
    Block b;
    b.kind = kind;
    b.span = {doc.text.size(), doc.text.size() + text.size()};
    doc.text += text;
    if (kind == BlockKind::heading) {
      b.level = std::max(1, depth);
      path.resize(static_cast<std::size_t>(std::max(0, depth - 1)));
      b.section_path = path;
      path.push_back(text);
    } else {
      b.section_path = path;
    }
    doc.blocks.push_back(std::move(b));
  }

  void walk(const pugi::xml_node& node, int level = 0) {
    if (level > max_depth) return;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string name = lower_name(child);
      if (skipped(name)) continue;
      if (has_own_text(child)) {
        std::string text;
        gather_text(child, text);
        add_block(heading(name) ? BlockKind::heading : list_item(name) ? BlockKind::list_item : BlockKind::paragraph,
                  text);
        continue;
      }
      bool nested = section(name);
      if (nested) ++depth;
      walk(child, level + 1);
      if (nested) {
        --depth;
        path.resize(static_cast<std::size_t>(std::max(0, depth)));
      }
    }
  }
};

}  // namespace

Result<Document> read_xml_document(std::string_view source, std::string_view xml) {
  pugi::xml_document tree;
  // Predefined entities only (parse_escapes); no DTD is read (parse_doctype off).
  const unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  pugi::xml_parse_result parsed = tree.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    Error e = make_error(Status::bad_input, std::string("malformed XML: ") + parsed.description());
    e.file = std::string(source);
    e.byte_offset = static_cast<std::size_t>(parsed.offset);
    return e;
  }
  Document doc;
  doc.source = std::string(source);
  doc.format = "xml";
  pugi::xml_node title = tree.find_node([](const pugi::xml_node& n) {
    return n.type() == pugi::node_element && lower_name(n) == "title";
  });
  if (title) {
    std::string text;
    gather_text(title, text);
    doc.title = collapse_spaces(text);
  }
  doc.id = document_stem(source);
  if (doc.title.empty()) doc.title = doc.id;
  Walker walker{doc, {}, 0};
  walker.walk(tree);
  if (doc.blocks.empty()) {
    Error e = make_error(Status::empty_input, "XML document without text");
    e.file = std::string(source);
    return e;
  }
  return doc;
}

}  // namespace diplograph
