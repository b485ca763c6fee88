// See frontend.hpp.
#include "parse/frontend.hpp"

#include "parse/parser.hpp"

namespace minipy::parse {

ast::Mod *parse_source(const char *data, Py_ssize_t size, PyObject *filename, ParseMode mode,
                       SourceKind kind, Arena *arena) noexcept {
    Source source;
    if (source_prepare(data, size, kind, mode == ParseMode::Exec, &source) < 0) return nullptr;
    ast::Mod *mod;
    {
        Tokenizer tok(source.text, source.size, filename, source.check_utf8, source.check_nul);
        Parser::Options options;
        options.start_rule = mode == ParseMode::Exec   ? StartRule::File
                             : mode == ParseMode::Eval ? StartRule::Eval
                                                       : StartRule::Interactive;
        // A file's errors show the file's line; offsets stay in bytes unless the file
        // declared its encoding (CPython's behaviour for scripts), and in text that is not
        // UTF-8 (compile() of such bytes).
        options.file_input = kind == SourceKind::File;
        options.offsets_in_chars =
            kind == SourceKind::Text ? source.valid_utf8 : !source.check_utf8;
        options.file_bom = source.bom;
        options.file_added_newline = source.added_newline;
        Parser parser(&tok, arena, options);
        mod = static_cast<ast::Mod *>(parser.run());
    }
    source_free(&source);
    return mod;
}

}  // namespace minipy::parse
