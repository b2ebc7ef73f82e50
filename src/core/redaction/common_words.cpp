#include "redaction/common_words.h"

#include <map>
#include <set>
#include <string>

#include "redaction/folded_text.h"

namespace tessera {
namespace {

using WordLists = std::map<std::string_view, std::vector<std::string_view>>;

// Kept deliberately small: each word here is both a given name or nickname used in the study
// countries and a word a participant might say. Projects add their own with common_word: true.
const WordLists& Lists() {
  static const WordLists lists = {
      {"en",
       {"Joy",      "Hope",    "Faith",  "Grace",    "Mercy",   "Patience", "Precious", "Gift",
        "Blessing", "Sunday",  "Monday", "Friday",   "Charity", "Peace",    "Rose",     "Lucky",
        "Goodluck", "Prosper", "Memory", "Innocent", "Given",   "Angel",    "Princess", "Happiness",
        "Trust",    "Justice", "Favour", "Comfort",  "Wisdom",  "Loveness"}},
      {"sw", {"Baraka",    "Neema",     "Amani",  "Rehema", "Imani", "Zawadi",   "Furaha",
              "Upendo",    "Tumaini",   "Subira", "Faraja", "Nuru",  "Pendo",    "Bahati",
              "Sikudhani", "Mwanaisha", "Hekima", "Uhuru",  "Jumaa", "Jumapili", "Salama"}},
      {"pt",
       {"Esperança", "Fé", "Graça", "Vitória", "Felicidade", "Alegria", "Glória", "Luz", "Paz",
        "Rosa", "Sorte", "Domingos", "Amor", "Dádiva", "Bondade"}},
      {"id",
       {"Indah", "Cahaya", "Intan", "Bunga", "Putri", "Bintang", "Mawar", "Ayu", "Dewi", "Rahmat",
        "Budi", "Setia", "Murni", "Suci", "Wati", "Kasih", "Bayu"}},
      {"ms",
       {"Cahaya", "Intan", "Bunga", "Putri", "Bintang", "Mawar", "Kasih", "Budi", "Murni", "Suci",
        "Seri", "Melati"}},
      {"vi",
       {"Hoa", "Mai", "Lan", "Hương", "Xuân", "Thu", "Hạnh", "Phúc", "An", "Ngọc", "Hồng", "Tuyết",
        "Trang", "Đào", "Bình", "Vân"}},
      {"tl",
       {"Ligaya", "Tala", "Bituin", "Luningning", "Mahal", "Ganda", "Pag-asa", "Joy", "Precious",
        "Angel", "Princess", "Lovely", "Marites", "Bea", "Dalisay"}},
      {"th", {"ฝน", "ฟ้า", "ดาว", "แก้ว", "น้ำ", "ใจดี", "สมใจ", "ทอง", "ดี", "มด", "ปลา", "หนู"}},
      {"km", {"សុខ", "ស្រី", "ចាន់", "ពៅ", "ផល្លា", "សំណាង", "ពេជ្រ", "រស្មី", "ល្អ"}},
      {"am",
       {"ተስፋ", "ሰላም", "ፍቅር", "ደስታ", "እምነት", "ብርሃን", "ፀሐይ", "Tesfaye", "Selam", "Fikir", "Desta",
        "Emnet", "Birhan", "Tsehay"}},
  };
  return lists;
}

const std::set<std::string>& FoldedAll() {
  static const std::set<std::string> all = [] {
    std::set<std::string> words;
    for (const auto& [language, list] : Lists()) {
      for (const auto word : list) words.insert(FoldForMatching(word));
    }
    return words;
  }();
  return all;
}

}  // namespace

const std::vector<std::string_view>& CommonWords(std::string_view language) {
  static const std::vector<std::string_view> empty;
  const auto primary = language.substr(0, language.find_first_of("-_"));
  const auto found = Lists().find(primary);
  return found == Lists().end() ? empty : found->second;
}

bool IsCommonWord(std::string_view form) { return FoldedAll().count(FoldForMatching(form)) != 0; }

}  // namespace tessera
