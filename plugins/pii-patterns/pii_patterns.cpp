// pii-patterns: finds contact details, identity and case numbers, dates of birth and stated
// ages with ICU regular expressions. Patterns run over every text whatever its language, since
// interviews switch languages; offsets come back in code points.

#include <tessera/redaction_plugin.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <vector>

#include "plugin_support.h"

namespace {

using tessera::plugin::CopyString;

struct PatternSpec {
  const char* name;
  TesseraSpanKind kind;
  int group;  // capture group that is the span (0: the whole match)
  double confidence;
  std::u16string_view regex;  // ICU syntax; UTF-16 so that non-ASCII literals need no decoding
};

// clang-format off: the patterns read best as written.
// Building blocks. ICU regex syntax; (?i) where case does not matter.
#define CC                                                                                       \
  u"(?:855|856|673|670|254|256|255|251|258|264|260|263|265|266|267|268|250|257|211|252|253|291|" \
  u"66|84|62|60|63|95|27)"
#define SEP u"[ .\\-\u00A0]?"
#define N_EN                                                                                  \
  u"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|nine|" \
  u"eight|seven|six|five)"
#define N_TL \
  u"(?:labing-?(?:isa|dalawa|tatlo|apat|lima|anim|pito|walo|siyam)|sampu|siyam|walo|pito|anim)"
#define AGE_N u"(\\p{Nd}{1,2}|" N_EN u"|" N_TL u")"
#define UNIT_GUARD                                                                                \
  u"(?![0-9])(?![ \\t]*(?:%|percent|per "                                                         \
  u"cent|km|kilomet|metres|meters|minutes|mins|hours|hrs|days|weeks|months|kg|kilos|o'clock|"     \
  u"o’clock|am\\b|pm\\b|times|people|men|women|children|girls?|boys?|child|persons?|shillings|" \
  u"dollars|baht|pesos|rand|rupiah|dong|riel|birr|meticais|ksh|ugx|tzs|usd))"
#define MONTHS_LATIN                                                                               \
  u"(?:jan(?:uary|uari|eiro)?|feb(?:ruary|ruari)?|fev(?:ereiro)?|mar(?:ch|et|ço|co)?|machi|mac|"  \
  u"apr(?:il|ili)?|abr(?:il)?|may|mei|mai(?:o)?|mayo|jun(?:e|i|ho)?|hunyo|jul(?:y|i|ai|ho)?|"      \
  u"hulyo|"                                                                                        \
  u"aug(?:ust)?|ago(?:sto|stos)?|agustus|ogos|sep(?:t|tember|temba|tiembre|tyembre|tembro)?|set(?" \
  u":embro)?|"                                                                                     \
  u"oct(?:ober)?|okt(?:oba|ober|ubre)?|out(?:ubro)?|nov(?:ember|emba|embro|yembre)?|nob(?:yembre)" \
  u"?|"                                                                                            \
  u"dec(?:ember)?|des(?:emba|ember|embro)?|dez(?:embro)?|dis(?:yembre|ember)?|enero|pebrero|"      \
  u"marso|abril)\\.?"
#define MONTHS_THAI                                                                                                                                                                                                                                                                    \
  u"(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|" \
  u"ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|"                                                                                                                                       \
  u"พ\\.ย\\.|ธ\\.ค\\.)"
#define MONTHS_ETH                                                                                \
  u"(?:meskerem|tikimt|tikemt|tiqimt|hidar|hedar|tahsas|tahesas|tir|ter|yekatit|yekatit|megabit|" \
  u"miyazya|miazia|"                                                                              \
  u"ginbot|genbot|sene|hamle|nehase|nehasse|pagume|pagumen|"                                      \
  u"መስከረም|ጥቅምት|ኅዳር|ህዳር|ታኅሣሥ|ታህሳስ|ጥር|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰኔ|ሐምሌ|ሀምሌ|ነሐሴ|ነሃሴ|ጳጉሜ|ጳጉሜን)"
#define MONTHS_KHMER u"(?:មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ)"
#define D u"[0-9๐-๙០-៩]"
#define ETH_ERA u"(?:[ \\t]*(?:E\\.C\\.?|EC\\b|ዓ\\.ም\\.?|ዓ/ም))"
#define DATE \
  u"(" \
  u"[0-9]{1,2}[./\\-][0-9]{1,2}[./\\-](?:[0-9]{4}|[0-9]{2})(?![0-9])" ETH_ERA u"?" \
  u"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}" \
  u"|(?:ngày[ \\t]+)?[0-9]{1,2}[ \\t]+tháng[ \\t]+[0-9]{1,2}(?:[ \\t]*(?:năm[ \\t]+)?[0-9]{4})?" \
  u"|năm[ \\t]+[0-9]{4}" \
  u"|" D u"{1,2}[ \\t]*" MONTHS_THAI u"[ \\t]*(?:(?:พ\\.ศ\\.|ค\\.ศ\\.|B\\.E\\.)[ \\t]*)?" D u"{4}" \
  u"|(?:พ\\.ศ\\.|B\\.E\\.|BE)[ \\t]*" D u"{4}" \
  u"|" D u"{4}[ \\t]*B\\.E\\." \
  u"|(?:[0-9]{1,2}[ \\t]+)?" MONTHS_ETH u"[ \\t]+(?:[0-9]{1,2},?[ \\t]+)?[0-9]{4}" ETH_ERA u"?" \
  u"|" D u"{1,2}[ \\t]*(?:ខែ[ \\t]*)?" MONTHS_KHMER u"[ \\t]*(?:ឆ្នាំ[ \\t]*)?" D u"{4}" \
  u"|[0-9]{1,2}(?:st|nd|rd|th)?[ \\t]+(?:de[ \\t]+|of[ \\t]+)?" MONTHS_LATIN u"(?:,?[ \\t]+(?:de[ \\t]+)?[0-9]{4})?" \
  u"|" MONTHS_LATIN u"[ \\t]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ \\t]+[0-9]{4}" \
  u"|" MONTHS_LATIN u"[ \\t]+(?:de[ \\t]+)?[0-9]{4}" \
  u"|[0-9]{4}" ETH_ERA \
  u"|" D u"{4}(?!" D u")" \
  u")"
#define BIRTH                                                                                                           \
  u"(?:date of birth|birth ?date|d\\.o\\.b\\.?|\\bDOB\\b|\\bborn\\b|birthday|tarehe ya "                                \
  u"kuzaliwa|alizaliwa|"                                                                                                \
  u"nilizaliwa|kuzaliwa|data de nascimento|nasceu|nasci|nascid[oa]|tanggal lahir|tarikh "                               \
  u"lahir|kelahiran|"                                                                                                   \
  u"\\blahir\\b|ngày sinh|năm sinh|\\bsinh\\b|ipinanganak|isinilang|kapanganakan|วันเกิด|เกิด|" \
  u"ថ្ងៃខែឆ្នាំកំណើត|កើត|የትውልድ ቀን|ተወለደች|ተወለደ|ተወልዳ|ተወልዶ)"
#define BIRTH_GAP                                                                                    \
  u"(?:[ "                                                                                           \
  u"\\t:,]|ው|በ|on\\b|in\\b|the\\b|em\\b|a\\b|no\\b|dia\\b|pada\\b|tanggal\\b|tahun\\b|noong\\b|" \
  u"ngày\\b|vào\\b|tarehe\\b|mwaka\\b|mnamo\\b|วันที่|เมื่อ|ปี|ថ្ងៃទី|នៅ){0,6}"
#define ID_LABEL                                                                                   \
  u"(?:\\bID\\b|\\bI\\.D\\.|national id(?:entity)?(?: card)?|identity card|identity "              \
  u"number|kitambulisho(?: cha taifa)?|"                                                           \
  u"passport|pasipoti|pasaporte|passaporte|birth cert(?:ificate)?|cheti cha "                      \
  u"kuzaliwa|\\bKTP\\b|\\bNIK\\b|"                                                                 \
  u"kad pengenalan|mykad|\\bCCCD\\b|\\bCMND\\b|căn cước(?: công dân)?|chứng minh nhân "   \
  u"dân|bilhete de identidade|"                                                                   \
  u"\\bBI\\b|\\bNUIT\\b|philsys|\\bPSN\\b|\\bNIN\\b|\\bNIDA\\b|huduma(?: namba)?|fayda|\\bFIN\\b|" \
  u"บัตรประชาชน|เลขประจำตัวประชาชน|អត្តសញ្ញាណប័ណ្ណ|መታወቂያ)"
#define NO_LABEL                                                                                      \
  u"(?:[ "                                                                                            \
  u"\\t]*(?:No\\.?|Nos\\.?|Number|Nr\\.?|#|namba|nambari|nomor|no\\b|số|n\\.?º|nº|ref(?:erence)?" \
  u"\\.?|ที่|lang|:))*"
#define CASE_LABEL                                                                              \
  u"(?:\\b(?:OB|CRB?|CAS|RB|SD|IR|CC|case|kesi|docket|jalada|processo|proc\\.|perkara|laporan " \
  u"polisi|"                                                                                    \
  u"vụ án|hồ sơ|bản án|kaso|usapin|NPS)(?!\\p{L})|คดี(?:หมายเลข(?:ดำ|แดง)?)?|សំណុំរឿង|መዝገብ)"
#define REF                                                                                     \
  u"((?=[\\p{L}0-9./\\-]*[0-9])(?=[\\p{L}0-9./\\-]*(?:[/\\-]|[0-9]{3}))[\\p{L}0-9][\\p{L}0-9./" \
  u"\\-]*[\\p{L}0-9](?:[ \\t]+of[ \\t]+[0-9]{4})?)"

const PatternSpec kPatterns[] = {
    // --- phone numbers -------------------------------------------------------------------
    {"phone-international", TESSERA_SPAN_PHONE, 0, 0.97,
     u"(?<![\\p{L}\\p{N}+])\\(?(?:\\+|00)[ "
     u"]?" CC u"\\)?(?:" SEP u"\\(0\\))?(?:" SEP u"[0-9]){6,11}(?![0-9])"},
    {"phone-national", TESSERA_SPAN_PHONE, 0, 0.9,
     u"(?<![\\p{L}\\p{N}+/.\\-])0[1-9][0-9](?:" SEP u"[0-9]){6,9}(?![0-9]|[/.\\-][0-9])"},
    {"phone-area-code", TESSERA_SPAN_PHONE, 0, 0.9,
     u"(?<![\\p{L}\\p{N}])\\(0[0-9]{1,3}\\)[ ]?[0-9]{3,4}" SEP u"[0-9]{3,4}(?![0-9])"},
    {"phone-mozambique-mobile", TESSERA_SPAN_PHONE, 0, 0.8,
     u"(?<![\\p{L}\\p{N}+/.\\-])8[2-7][ .\\-]?[0-9]{3}[ .\\-]?[0-9]{4}(?![0-9])"},
    // --- e-mail, web, handles ------------------------------------------------------------
    {"email", TESSERA_SPAN_EMAIL, 0, 0.99,
     u"[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+"},
    {"email-obfuscated", TESSERA_SPAN_EMAIL, 0, 0.9,
     u"(?i)[\\p{L}\\p{N}._\\-]+[ \\t]*(?:\\[at\\]|\\(at\\)|\\{at\\}|[ \\t]at[ \\t])[ "
     u"\\t]*[\\p{L}\\p{N}\\-]+"
     u"[ \\t]*(?:\\[dot\\]|\\(dot\\)|\\{dot\\}|[ \\t]dot[ \\t]|\\.)[ "
     u"\\t]*(?:com|org|net|co|ac|go|or)\\b(?:(?:\\.|[ \\t]dot[ \\t])[a-z]{2}\\b)?"},
    {"url", TESSERA_SPAN_URL, 0, 0.99, u"(?i)(?:https?://|www\\.)[^\\s<>\"]+"},
    {"url-bare", TESSERA_SPAN_URL, 0, 0.95,
     u"(?i)(?<![@\\p{L}\\p{N}.\\-])(?:[a-z0-9\\-]+\\.)+(?:com|org|net|info|biz|io|me|ly|co|tv|gg|"
     u"ke|ug|tz|za|kh|th|vn|id|my|ph|et|mz|na|zm|mw|rw|asia)(?:\\.[a-z]{2})?/[^\\s<>\"]*"},
    {"handle", TESSERA_SPAN_HANDLE, 0, 0.95,
     u"(?<![\\p{L}\\p{N}_.@/])@[\\p{L}\\p{N}_][\\p{L}\\p{N}_.]{0,29}"},
    // --- national identity numbers -------------------------------------------------------
    {"id-thai", TESSERA_SPAN_ID_NUMBER, 0, 0.98,
     u"(?<![0-9\\-])[0-9][- ][0-9]{4}[- ][0-9]{5}[- ][0-9]{2}[- ][0-9](?![0-9\\-])"},
    {"id-mykad", TESSERA_SPAN_ID_NUMBER, 0, 0.98,
     u"(?<![0-9\\-])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[0-9]{2}-[0-9]{4}(?![0-9\\-"
     u"])"},
    {"id-grouped-dashes", TESSERA_SPAN_ID_NUMBER, 0, 0.95,
     u"(?<![0-9\\-])[0-9]{4}-[0-9]{4}-[0-9]{4}(?:-[0-9]{4})?(?![0-9\\-])"},
    {"id-tanzania-nida", TESSERA_SPAN_ID_NUMBER, 0, 0.98,
     u"(?<![0-9\\-])[0-9]{8}-[0-9]{5}-[0-9]{5}-[0-9]{2}(?![0-9\\-])"},
    {"id-south-africa-spaced", TESSERA_SPAN_ID_NUMBER, 0, 0.95,
     u"(?<![0-9])[0-9]{6} [0-9]{4} [0-9]{2} ?[0-9](?![0-9])"},
    {"id-grouped-spaces", TESSERA_SPAN_ID_NUMBER, 0, 0.9,
     u"(?<![0-9])[0-9]{4}[ .][0-9]{4}[ .][0-9]{4}(?:[ .][0-9]{4})?(?![0-9])"},
    {"id-uganda-nin", TESSERA_SPAN_ID_NUMBER, 0, 0.95,
     u"(?<![\\p{L}\\p{N}])C[MF][0-9]{2}[0-9A-Z]{10}(?![\\p{L}\\p{N}])"},
    {"id-mozambique-bi", TESSERA_SPAN_ID_NUMBER, 0, 0.95,
     u"(?<![\\p{L}\\p{N}])[0-9]{12}[A-Z](?![\\p{L}\\p{N}])"},
    {"id-long-digits", TESSERA_SPAN_ID_NUMBER, 0, 0.7, u"(?<![0-9])[0-9]{9,20}(?![0-9])"},
    {"id-labelled", TESSERA_SPAN_ID_NUMBER, 1, 0.9,
     u"(?i)" ID_LABEL NO_LABEL u"[ \\t]*:?[ \\t]*((?-i:[A-Z]{0,2}[0-9][0-9 "
                               u"\\-]{4,18}[0-9A-Z]))(?![\\p{L}\\p{N}])"},
    // --- police, court and welfare references --------------------------------------------
    {"case-labelled", TESSERA_SPAN_CASE_NUMBER, 1, 0.95,
     u"(?i)" CASE_LABEL NO_LABEL u"[ \\t]*:?[ \\t]*" REF},
    {"case-indonesian-police", TESSERA_SPAN_CASE_NUMBER, 0, 0.95,
     u"(?<![\\p{L}\\p{N}])(?:LP|STPL|SP\\.Sidik|SPDP)/[A-Z0-9./\\-]*[0-9][A-Z0-9./\\-]*[A-Z0-9]"},
    {"case-court-vn", TESSERA_SPAN_CASE_NUMBER, 0, 0.9,
     u"(?<![\\p{L}\\p{N}])[0-9]{1,5}/[0-9]{4}/(?:HS|HSST|HSPT|DS|DSST|HNGĐ|QĐ|KDTM)[A-Z\\-]*"},
    // --- dates of birth --------------------------------------------------------------------
    {"dob", TESSERA_SPAN_DOB, 1, 0.9, u"(?i)" BIRTH BIRTH_GAP DATE},
    // --- stated ages -----------------------------------------------------------------------
    {"age-i-was", TESSERA_SPAN_AGE, 1, 0.85,
     u"(?i)\\b(?:I|he|she|they|we|you|(?-i:\\p{Lu}\\p{Ll}+))[ "
     u"\\t]*(?:was|were|am|is|are|'m|’m|turned)[ \\t]+(?:only[ \\t]+|just[ \\t]+|about[ "
     u"\\t]+|around[ \\t]+|barely[ \\t]+)?" AGE_N u"\\b" UNIT_GUARD},
    {"age-aged", TESSERA_SPAN_AGE, 1, 0.9,
     u"(?i)\\b(?:aged|age|ages|at the age of|edad|idade|ni umri wa)[ "
     u"\\t:]+" AGE_N u"\\b" UNIT_GUARD},
    // "com 14", "tinha 14": Portuguese words that precede an age only when "anos" may follow.
    {"age-portuguese-verb", TESSERA_SPAN_AGE, 1, 0.85,
     u"(?i)\\b(?:com|tinha|tenho|tem|fez|fiz|completou)[ \\t]+([0-9]{1,2})\\b(?=[ "
     u"\\t]*(?:anos|[.,;:!?)]|$|[ \\t]+(?:quando|e)\\b))"},
    {"age-years-old", TESSERA_SPAN_AGE, 1, 0.95,
     u"(?i)\\b" AGE_N u"[ \\t\\-]*(?:years?|yrs?|yo)[ \\t\\-]*old\\b"},
    {"age-year-old", TESSERA_SPAN_AGE, 1, 0.95, u"(?i)\\b" AGE_N u"-year-old\\b"},
    {"age-thai", TESSERA_SPAN_AGE, 1, 0.95, u"อายุ[ \\t]*(" D u"{1,2})(?:[ \\t]*(?:ปี|ขวบ))?"},
    {"age-thai-khuap", TESSERA_SPAN_AGE, 1, 0.9, u"(?<!" D u")(" D u"{1,2})[ \\t]*ขวบ"},
    {"age-swahili", TESSERA_SPAN_AGE, 1, 0.9,
     u"(?i)\\b(?:miaka|umri wa(?: miaka)?|umri)[ \\t:]+([0-9]{1,2})\\b"},
    {"age-vietnamese", TESSERA_SPAN_AGE, 1, 0.95, u"(?i)(?<![0-9])([0-9]{1,2})[ \\t]*tuổi"},
    {"age-malay-indonesian", TESSERA_SPAN_AGE, 1, 0.95,
     u"(?i)\\b(?:umur|usia|umurnya|usianya|berumur|berusia)[ \\t:]+([0-9]{1,2})\\b"},
    {"age-tahun", TESSERA_SPAN_AGE, 1, 0.7,
     u"(?i)(?<![0-9])([0-9]{1,2})[ \\t]+tahun\\b(?![ \\t]+(?:lalu|yang "
     u"lalu|kemudian|lagi|ke|penjara))"},
    {"age-portuguese", TESSERA_SPAN_AGE, 1, 0.85,
     u"(?i)(?<!há[ \\t])(?<!ha[ \\t])(?<!durante[ \\t])(?<!por[ \\t])(?<![0-9])([0-9]{1,2})[ "
     u"\\t]+anos\\b(?![ \\t]+(?:atrás|depois|antes|de prisão|de cadeia))"},
    {"age-filipino", TESSERA_SPAN_AGE, 1, 0.9,
     u"(?i)"
     u"\\b" AGE_N u"[ \\t]+(?:na[ \\t]+)?(?:taong[ \\t]+gulang|taon[ \\t]+gulang|taong gulang)"},
    {"age-khmer", TESSERA_SPAN_AGE, 1, 0.95, u"អាយុ[ \\t]*(" D u"{1,2})(?:[ \\t]*ឆ្នាំ)?"},
    {"age-amharic", TESSERA_SPAN_AGE, 1, 0.9, u"(?:ዕድሜ|እድሜ)[ \\t:]*(?:ዬ[ \\t]*)?([0-9]{1,2})"},
    {"age-amharic-years", TESSERA_SPAN_AGE, 1, 0.8,
     u"(?<![0-9])([0-9]{1,2})[ \\t]*ዓመት(?:ሽ|ህ|ዋ|ሩ|ዬ)?[ \\t]*(?:ልጅ|ሲሆነኝ|ሲሆናት|እያለሁ)"},
};

#undef CC
// clang-format on

// Characters a match of these kinds never ends with (sentence punctuation after a URL).
bool TrimsTrailing(TesseraSpanKind kind) {
  return kind == TESSERA_SPAN_URL || kind == TESSERA_SPAN_EMAIL || kind == TESSERA_SPAN_HANDLE ||
         kind == TESSERA_SPAN_CASE_NUMBER || kind == TESSERA_SPAN_ID_NUMBER;
}

bool IsTrailingPunctuation(UChar c) {
  return c == u'.' || c == u',' || c == u';' || c == u':' || c == u'!' || c == u'?' || c == u')' ||
         c == u']' || c == u'}' || c == u'\'' || c == u'"' || c == u'\u2019' || c == u'\u201D' ||
         c == u'-' || c == u'/';
}

struct Compiled {
  const PatternSpec* spec;
  std::unique_ptr<icu::RegexPattern> pattern;
};

class PiiPatterns {
 public:
  // Compiles every pattern; throws std::runtime_error naming the one that failed.
  PiiPatterns() {
    for (const auto& spec : kPatterns) {
      UParseError parse_error{};
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString source(false, spec.regex.data(),
                                      static_cast<int32_t>(spec.regex.size()));
      std::unique_ptr<icu::RegexPattern> pattern(
          icu::RegexPattern::compile(source, 0, parse_error, status));
      if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("pattern ") + spec.name +
                                 " does not compile: " + u_errorName(status) + " at offset " +
                                 std::to_string(parse_error.offset));
      }
      m_patterns.push_back(Compiled{&spec, std::move(pattern)});
    }
  }

  std::vector<TesseraSpan> Detect(const char* text, size_t bytes) const {
    const icu::UnicodeString unicode =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text, static_cast<int32_t>(bytes)));
    const std::vector<std::size_t> code_point = tessera::plugin::CodePointOfUnit(unicode);
    std::vector<TesseraSpan> spans;
    for (const auto& compiled : m_patterns) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> matcher(compiled.pattern->matcher(unicode, status));
      if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU regex matcher: ") + u_errorName(status));
      // Bound the work one pattern may do on hostile input (catastrophic backtracking).
      matcher->setTimeLimit(2000, status);
      const PatternSpec& spec = *compiled.spec;
      while (matcher->find(status) && U_SUCCESS(status)) {
        int32_t start = matcher->start(spec.group, status);
        int32_t end = matcher->end(spec.group, status);
        if (U_FAILURE(status) || start < 0 || end <= start) {
          status = U_ZERO_ERROR;
          continue;
        }
        if (TrimsTrailing(spec.kind)) {
          while (end > start && IsTrailingPunctuation(unicode.charAt(end - 1))) --end;
        }
        while (end > start && u_isUWhiteSpace(unicode.charAt(end - 1))) --end;
        if (end <= start) continue;
        if (spec.kind == TESSERA_SPAN_PHONE && !PlausiblePhone(unicode, start, end)) continue;
        TesseraSpan span{};
        span.start = code_point[static_cast<std::size_t>(start)];
        span.end = code_point[static_cast<std::size_t>(end)];
        span.kind = static_cast<tessera_u32>(spec.kind);
        span.confidence = spec.confidence;
        span.needs_review = 0;
        spans.push_back(span);
      }
      if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("pattern ") + spec.name +
                                 " failed: " + u_errorName(status));
      }
    }
    return spans;
  }

 private:
  // 7 to 15 digits (E.164 allows at most 15), and not grouped as a Malaysian MyKad number
  // (YYMMDD-PB-###G), which a national phone pattern would otherwise also take.
  static bool PlausiblePhone(const icu::UnicodeString& text, int32_t start, int32_t end) {
    int digits = 0;
    std::u16string shape;
    for (int32_t i = start; i < end; ++i) {
      const UChar c = text.charAt(i);
      digits += u_isdigit(c) ? 1 : 0;
      shape += u_isdigit(c) ? u'9' : c;
    }
    if (shape == u"999999-99-9999") return false;
    return digits >= 7 && digits <= 15;
  }

  std::vector<Compiled> m_patterns;
};

void* Create(const char* /*config_json*/, char** error_out) {
  try {
    return new PiiPatterns();
  } catch (const std::exception& error) {
    if (error_out) *error_out = CopyString(error.what());
  } catch (...) {
    if (error_out) *error_out = CopyString("unknown error");
  }
  return nullptr;
}

int Detect(void* instance, const char* text, size_t bytes, const char* /*language*/,
           TesseraSpan** spans_out, size_t* count_out, char** error_out) {
  return tessera::plugin::Guard(error_out, [&] {
    const auto spans = static_cast<const PiiPatterns*>(instance)->Detect(text, bytes);
    if (!tessera::plugin::ExportSpans(spans, spans_out, count_out)) {
      if (error_out) *error_out = CopyString("out of memory");
      return 1;
    }
    return 0;
  });
}

void Destroy(void* instance) { delete static_cast<PiiPatterns*>(instance); }

const TesseraRedactionPlugin kTable = {
    TESSERA_REDACTION_ABI_VERSION,
    sizeof(TesseraRedactionPlugin),
    "pii-patterns",
    "Phone numbers, e-mail, web addresses, handles, ID and case numbers, dates of birth, ages",
    "1.0.0",
    Create,
    Detect,
    tessera::plugin::FreeSpans,
    tessera::plugin::FreeString,
    Destroy,
};

}  // namespace

extern "C" TESSERA_PLUGIN_EXPORT const TesseraRedactionPlugin* tessera_redaction_plugin(void) {
  return &kTable;
}
