// The pii-patterns plugin on examples from each country of the study: phone numbers, e-mail,
// web addresses, handles, national ID numbers, police and court references, dates of birth and
// stated ages, and text that must be left alone.

#include <catch2/catch.hpp>
#include <memory>

#include "redaction/plugin_host.h"
#include "redaction/redactor.h"
#include "text/utf8.h"

namespace {

using tessera::SpanKind;

tessera::PluginHost& Host() {
  static std::unique_ptr<tessera::PluginHost> host = [] {
    tessera::PluginHostOptions options;
    options.use_environment = false;
    options.use_default_dirs = false;
    // Hundreds of small calls: run them in process (the host tests cover isolation).
    options.limits.isolation = tessera::PluginIsolation::InProcess;
    auto made = std::make_unique<tessera::PluginHost>(options);
    made->Load(std::filesystem::path(TESSERA_PLUGIN_BUILD_DIR) / "pii-patterns.so");
    return made;
  }();
  return *host;
}

struct Found {
  SpanKind kind;
  std::string text;
};

// What the redactor would replace: the plugin's spans merged.
std::vector<Found> Detect(const std::string& text, const std::string& language = "") {
  const auto detection = Host().Detect(text, language);
  REQUIRE(detection.Complete());
  std::vector<Found> found;
  for (const auto& span : tessera::MergeSpans(detection.spans)) {
    found.push_back(
        {span.kind, std::string(tessera::utf8::SubstrCodePoints(text, span.start, span.end))});
  }
  return found;
}

// Checks that `expected` is found in `text` as exactly one span of `kind`.
void CheckFinds(const std::string& text, SpanKind kind, const std::string& expected) {
  INFO(text);
  const auto found = Detect(text);
  bool hit = false;
  for (const auto& span : found) {
    INFO(std::string(tessera::SpanKindName(span.kind)) + ": «" + span.text + "»");
    if (span.kind == kind && span.text == expected) hit = true;
  }
  if (!hit) {
    for (const auto& span : found)
      UNSCOPED_INFO(std::string(tessera::SpanKindName(span.kind)) + ": «" + span.text + "»");
  }
  CHECK(hit);
}

void CheckNothing(const std::string& text) {
  INFO(text);
  const auto found = Detect(text);
  for (const auto& span : found)
    UNSCOPED_INFO(std::string(tessera::SpanKindName(span.kind)) + ": «" + span.text + "»");
  CHECK(found.empty());
}

}  // namespace

TEST_CASE("pii-patterns: phone numbers of the study countries", "[redaction]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // Cambodia, Thailand, Viet Nam
      {"Bong phone me on +855 12 345 678 every night.", "+855 12 345 678"},
      {"លេខទូរស័ព្ទ 012 345 678 របស់គាត់", "012 345 678"},
      {"เขาโทรมาจากเบอร์ 081-234-5678 ทุกคืน", "081-234-5678"},
      {"โทร +66 81 234 5678 นะ", "+66 81 234 5678"},
      {"Anh ta gọi vào số 0912.345.678 lúc nửa đêm.", "0912.345.678"},
      {"Số của nó là +84 912 345 678.", "+84 912 345 678"},
      // Indonesia, Malaysia, Philippines
      {"Dia kirim pesan dari 0812-3456-7890 terus.", "0812-3456-7890"},
      {"Nomor kantor (021) 1234 5678 ya.", "(021) 1234 5678"},
      {"WA saya +62 812-3456-7890", "+62 812-3456-7890"},
      {"Dia telefon dari 012-345 6789 semalam.", "012-345 6789"},
      {"Call +60 12-345 6789 please", "+60 12-345 6789"},
      {"Tinext niya ako sa 0917 123 4567 kagabi.", "0917 123 4567"},
      {"Landline (02) 8123 4567 sa opisina.", "(02) 8123 4567"},
      // Kenya, Uganda, Tanzania, Ethiopia
      {"Alinipigia simu kwa 0712 345 678 usiku.", "0712 345 678"},
      {"Namba yake ni +254 (0) 712 345678.", "+254 (0) 712 345678"},
      {"Alituma pesa kwa 00254712345678 jana.", "00254712345678"},
      {"He called from 0772 123456 at night.", "0772 123456"},
      {"Namba ya mama ni +255 754 123 456.", "+255 754 123 456"},
      {"ስልኩ +251 911 23 45 67 ነው", "+251 911 23 45 67"},
      {"ስልኩ 0911 23 45 67 ነው", "0911 23 45 67"},
      // Mozambique, Namibia, South Africa
      {"Ele ligava do número 84 123 4567 todas as noites.", "84 123 4567"},
      {"O número dela é +258 84 123 4567.", "+258 84 123 4567"},
      {"Call me on 081 234 5678 after school.", "081 234 5678"},
      {"His number was +264 81 234 5678.", "+264 81 234 5678"},
      {"He sent it from 082 123 4567 on WhatsApp.", "082 123 4567"},
      {"Phone +27 82 123 4567 or 011 123 4567.", "+27 82 123 4567"},
      {"Phone +27 82 123 4567 or 011 123 4567.", "011 123 4567"},
      {"Call +27-82-123-4567 now", "+27-82-123-4567"},
      {"Tel: +855.12.345.678", "+855.12.345.678"},
  };
  for (const auto& [text, phone] : cases) CheckFinds(text, SpanKind::Phone, phone);
}

TEST_CASE("pii-patterns: e-mail, web addresses and handles", "[redaction]") {
  CheckFinds("Andika kwa amani.otieno@gmail.com kesho.", SpanKind::Email, "amani.otieno@gmail.com");
  CheckFinds("Email: lan.nguyen@yahoo.com.vn.", SpanKind::Email, "lan.nguyen@yahoo.com.vn");
  CheckFinds("Kirim ke siti_rahma@ymail.co.id ya", SpanKind::Email, "siti_rahma@ymail.co.id");
  CheckFinds("escreva para joao.m@tvcabo.co.mz", SpanKind::Email, "joao.m@tvcabo.co.mz");
  CheckFinds("write to neema [at] gmail [dot] com", SpanKind::Email, "neema [at] gmail [dot] com");
  CheckFinds("His page was https://www.facebook.com/amani.otieno.5, she said.", SpanKind::Url,
             "https://www.facebook.com/amani.otieno.5");
  CheckFinds("Trang của nó: fb.com/lan.nguyen.99 đó.", SpanKind::Url, "fb.com/lan.nguyen.99");
  CheckFinds("He sent a link (wa.me/254712345678) to her.", SpanKind::Url, "wa.me/254712345678");
  CheckFinds("ไปที่ t.me/somchai_bkk แล้วกด", SpanKind::Url, "t.me/somchai_bkk");
  CheckFinds("See www.example.org/report.", SpanKind::Url, "www.example.org/report");
  CheckFinds("Alinifuata TikTok @neema_tz kila siku.", SpanKind::Handle, "@neema_tz");
  CheckFinds("follow me on IG @lan_nguyen99.", SpanKind::Handle, "@lan_nguyen99");
  CheckFinds("ig ของเขาคือ @somchai.bkk นะ", SpanKind::Handle, "@somchai.bkk");
  // The @ of an e-mail address is not a handle.
  const auto found = Detect("mail amani@gmail.com");
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == SpanKind::Email);
}

TEST_CASE("pii-patterns: national ID numbers in their real formats", "[redaction]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"เลขบัตรประชาชน 1-2345-67890-12-3 ของน้อง", "1-2345-67890-12-3"},  // Thailand
      {"Her ID is 8001015009087, the officer said.", "8001015009087"},  // South Africa
      {"ID number 800101 5009 087 on the form", "800101 5009 087"},     // South Africa, spaced
      {"NIK-nya 3174051234560001 tercatat.", "3174051234560001"},       // Indonesia NIK
      {"PhilSys 1234-5678-9101 niya", "1234-5678-9101"},                // Philippines PSN
      {"No. kad pengenalan 090512-14-5678.", "090512-14-5678"},         // Malaysia MyKad
      {"Kitambulisho namba 23456789 kilipotea.", "23456789"},           // Kenya
      {"Her NIN is CM90012345ABCD.", "CM90012345ABCD"},                 // Uganda
      {"Namba ya NIDA 19900101-12345-00001-23.", "19900101-12345-00001-23"},  // Tanzania
      {"Fayda 1234 5678 9012 ነው", "1234 5678 9012"},                          // Ethiopia
      {"BI 110100123456A emitido em Maputo", "110100123456A"},                // Mozambique
      {"ID No: 90010100123 (Namibia)", "90010100123"},                        // Namibia
      {"Số CCCD 001203012345 của em", "001203012345"},                        // Viet Nam
      {"អត្តសញ្ញាណប័ណ្ណ 110123456", "110123456"},                                 // Cambodia
      {"Passport No. A1234567 was kept by the agent.", "A1234567"},
  };
  for (const auto& [text, id] : cases) CheckFinds(text, SpanKind::IdNumber, id);
}

TEST_CASE("pii-patterns: police and court reference numbers", "[redaction]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"It was booked as OB No. 12/04/2023 at the station.", "12/04/2023"},  // Kenya
      {"Case No. 123/2022 is still pending.", "123/2022"},
      {"Ripoti CR 45/2021 ilifunguliwa.", "45/2021"},
      {"See Docket 2023-0456 for details.", "2023-0456"},
      {"They opened CAS 123/04/2022 in Soweto.", "123/04/2022"},             // South Africa
      {"Kesi namba 234/2021 iliahirishwa.", "234/2021"},                     // Tanzania
      {"O processo n.º 456/2021 foi arquivado.", "456/2021"},                // Mozambique
      {"คดีที่ 123/2565 ยังไม่จบ", "123/2565"},                                   // Thailand
      {"Nomor Perkara 12/Pid.Sus/2023/PN berjalan.", "12/Pid.Sus/2023/PN"},  // Indonesia
      {"Laporan LP/B/123/IV/2023/SPKT sudah masuk.", "LP/B/123/IV/2023/SPKT"},
      {"Bản án số 45/2022/HS-ST đã tuyên.", "45/2022/HS-ST"},                   // Viet Nam
      {"Criminal Case No. R-QZN-19-01234-CR was filed.", "R-QZN-19-01234-CR"},  // Philippines
      {"Criminal case number 1234 of 2019 in Kampala", "1234 of 2019"},         // Uganda
  };
  for (const auto& [text, ref] : cases) CheckFinds(text, SpanKind::CaseNumber, ref);
}

TEST_CASE("pii-patterns: dates of birth in several calendars", "[redaction]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"She was born on 12 March 2009 in Kisumu.", "12 March 2009"},
      {"Date of birth: 2009-03-12.", "2009-03-12"},
      {"DOB 12.03.2009", "12.03.2009"},
      {"born 03/12/2009", "03/12/2009"},
      {"born on March 12, 2009", "March 12, 2009"},
      {"Alizaliwa tarehe 5 Machi 2010 huko Mwanza.", "5 Machi 2010"},
      {"Ela nasceu em 3 de maio de 2008.", "3 de maio de 2008"},
      {"Dia lahir 17 Agustus 2009 di Medan.", "17 Agustus 2009"},
      {"Em sinh ngày 12 tháng 3 năm 2009.", "12 tháng 3 năm 2009"},
      {"น้องเกิดวันที่ 12 มีนาคม 2552", "12 มีนาคม 2552"},  // Buddhist era
      {"เกิดปี พ.ศ. 2552", "พ.ศ. 2552"},
      {"He was born in B.E. 2552.", "B.E. 2552"},
      {"She was born on Meskerem 12, 2001 E.C.", "Meskerem 12, 2001 E.C."},  // Ethiopian calendar
      {"ተወለደችው በ1995 ዓ.ም. ነው", "1995 ዓ.ም."},
      {"Siya ay ipinanganak noong Marso 12, 2009.", "Marso 12, 2009"},
      {"កើតថ្ងៃទី ១២ ខែមីនា ឆ្នាំ ២០០៩", "១២ ខែមីនា ឆ្នាំ ២០០៩"},
  };
  for (const auto& [text, date] : cases) CheckFinds(text, SpanKind::Dob, date);
  // A date without a word about birth is not a date of birth.
  CheckNothing("The meeting was on 12 March 2009.");
  CheckNothing("I was born in Mombasa.");
}

TEST_CASE("pii-patterns: stated ages in the study's languages", "[redaction]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"I was 14 when it started.", "14"},
      {"She was only 13.", "13"},
      {"a girl aged 15 from the village", "15"},
      {"a 13-year-old boy", "13"},
      {"He is 16 years old.", "16"},
      {"I was fourteen.", "fourteen"},
      {"at the age of 12 she left", "12"},
      {"น้องอายุ 15 ปี", "15"},
      {"ตอนนั้นหนูอายุ ๑๔", "๑๔"},
      {"Nilikuwa na miaka 14 tu.", "14"},
      {"Em mới 15 tuổi.", "15"},
      {"Waktu itu umur 15 tahun.", "15"},
      {"Dia berusia 13 ketika itu.", "13"},
      {"Eu tinha 14 anos.", "14"},
      {"Ela tem 15 anos.", "15"},
      {"Siya ay 15 taong gulang noon.", "15"},
      {"ពេលនោះខ្ញុំអាយុ ១៤ ឆ្នាំ", "១៤"},
      {"ዕድሜዬ 14 ነበር", "14"},
  };
  for (const auto& [text, age] : cases) CheckFinds(text, SpanKind::Age, age);
}

TEST_CASE("pii-patterns: ordinary numbers and dates are left alone", "[redaction]") {
  CheckNothing("In 2019 there were 12 cases in the district.");
  CheckNothing("She was 3 hours late and paid 1,500 shillings.");
  CheckNothing("Isso aconteceu há 15 anos.");
  CheckNothing("Dua tahun lalu, 2 tahun lalu dia pindah.");
  CheckNothing("Grade 7, Form 2, page 45, 10:30 am.");
  CheckNothing("The meeting on 12/04/2023 was long.");
  CheckNothing("Tulikutana saa 4 asubuhi.");
  CheckNothing("Chúng tôi có 3 người.");
  CheckNothing("ตอนนั้นมี 5 คน");
  CheckNothing("We use facebook.com a lot.");
}
