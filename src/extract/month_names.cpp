// Month names of the languages dossier's sources write in, for reading visible dates.
#include "month_names.hpp"

#include <array>
#include <string>

#include "dossier/core/strings.hpp"

namespace dossier::extract::detail {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Month names and abbreviations (lower-case UTF-8) in English, German, French, Spanish,
/// Italian, Portuguese and Dutch, with the month each names. Abbreviations may carry a dot.
struct MonthName {
    std::string_view name;
    int month;
};
constexpr auto k_month_names = std::to_array<MonthName>({
    {"january", 1},    {"jan", 1},        {"januar", 1},     {"jänner", 1},     {"janvier", 1},    {"janv", 1},
    {"enero", 1},      {"ene", 1},        {"gennaio", 1},    {"janeiro", 1},    {"januari", 1},    {"february", 2},
    {"feb", 2},        {"februar", 2},    {"février", 2},    {"fevrier", 2},    {"févr", 2},       {"fév", 2},
    {"febrero", 2},    {"febbraio", 2},   {"fevereiro", 2},  {"februari", 2},   {"march", 3},      {"mar", 3},
    {"märz", 3},       {"maerz", 3},      {"mär", 3},        {"mars", 3},       {"marzo", 3},      {"março", 3},
    {"maart", 3},      {"april", 4},      {"apr", 4},        {"avril", 4},      {"avr", 4},        {"abril", 4},
    {"abr", 4},        {"aprile", 4},     {"may", 5},        {"mai", 5},        {"mayo", 5},       {"maggio", 5},
    {"maio", 5},       {"mei", 5},        {"june", 6},       {"jun", 6},        {"juni", 6},       {"juin", 6},
    {"junio", 6},      {"giugno", 6},     {"junho", 6},      {"july", 7},       {"jul", 7},        {"juli", 7},
    {"juillet", 7},    {"juil", 7},       {"julio", 7},      {"luglio", 7},     {"julho", 7},      {"august", 8},
    {"aug", 8},        {"août", 8},       {"aout", 8},       {"agosto", 8},     {"ago", 8},        {"augustus", 8},
    {"september", 9},  {"sep", 9},        {"sept", 9},       {"septembre", 9},  {"septiembre", 9}, {"setiembre", 9},
    {"settembre", 9},  {"setembro", 9},   {"october", 10},   {"oct", 10},       {"oktober", 10},   {"okt", 10},
    {"octobre", 10},   {"octubre", 10},   {"ottobre", 10},   {"outubro", 10},   {"november", 11},  {"nov", 11},
    {"novembre", 11},  {"noviembre", 11}, {"novembro", 11},  {"december", 12},  {"dec", 12},       {"dezember", 12},
    {"dez", 12},       {"décembre", 12},  {"decembre", 12},  {"déc", 12},       {"diciembre", 12}, {"dic", 12},
    {"dicembre", 12},  {"dezembro", 12},
});

/// Lower-cases ASCII letters and the Latin-1 capitals of month names (Ä, É, Û -> ä, é, û).
std::string fold_month(std::string_view w) {
    std::string out = core::to_lower_ascii(w);
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
        if (static_cast<unsigned char>(out[i]) == 0xC3) {
            const auto c = static_cast<unsigned char>(out[i + 1]);
            if (c >= 0x80 && c <= 0x9E && c != 0x97) out[i + 1] = static_cast<char>(c + 0x20);
        }
    return out;
}

}  // namespace

int month_number(std::string_view word) {
    const std::string w = fold_month(word);
    for (const MonthName& m : k_month_names)
        if (w == m.name) return m.month;
    return 0;
}

/// A word of ASCII letters and Latin-1 letters (UTF-8 C3 xx: ä, é, û) at s[i].
std::string_view word_at(std::string_view s, std::size_t i) {
    std::size_t end = i;
    for (;;) {
        if (end < s.size() && is_alpha(s[end])) {
            ++end;
        } else if (end + 1 < s.size() && static_cast<unsigned char>(s[end]) == 0xC3 &&
                   static_cast<unsigned char>(s[end + 1]) >= 0x80 && static_cast<unsigned char>(s[end + 1]) <= 0xBF) {
            end += 2;
        } else {
            return s.substr(i, end - i);
        }
    }
}


}  // namespace dossier::extract::detail
