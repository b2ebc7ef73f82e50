#!/usr/bin/env python3
"""Builds devset.jsonl from the annotated snippets below.

Every snippet is fictional. Identifying spans are marked {kind|text}; the script removes the
marks and records their code-point offsets, so offsets never have to be counted by hand.
Kinds: person place school organisation address phone email handle url age dob id_number
case_number. Conventions: an age is the number only ("I was {age|14}"); a case or ID number is
the reference without its label ("OB No. {case_number|12/04/2023}"); a date of birth is the date.
Regenerate with:  python3 tests/data/redaction/build_devset.py
"""
import json, os, re, unicodedata

P = "person"; PL = "place"; S = "school"; O = "organisation"

def R(kind, name, aliases=(), common_word=False):
    return {"kind": kind, "name": name, "aliases": list(aliases), "common_word": common_word}

SNIPPETS = [
# ---- English (Kenya, Uganda, South Africa, Namibia, Philippines) -------------------------------
("en-ke-01", "en", "Interviewer: When did it start?\nR: I was {age|14}. {person|Brian Mwangi} sent me messages on {url|facebook.com/brian.mwangi.77} every night.",
 [R(P, "Brian Mwangi")]),
("en-ke-02", "en", "My mother reported it at the station; it was booked as OB No. {case_number|12/04/2023}. The officer gave us his number, {phone|0712 345 678}.",
 []),
("en-ke-03", "en", "{person|Wanjiru} used to walk home from {school|Githurai Primary School} with her cousin {person|Kamau}.",
 [R(P, "Wanjiru Njoroge"), R(S, "Githurai Primary School"), R(P, "Kamau Otieno")]),
("en-ug-01", "en", "He added her on TikTok as {handle|@jay_kampala256} and later called from {phone|+256 772 123456}.",
 []),
("en-ug-02", "en", "The probation officer from {place|Nakawa} said the file is Criminal case number {case_number|1234 of 2019}. {person|Okello} was arrested in March.",
 [R(PL, "Nakawa"), R(P, "Peter Okello")]),
("en-za-01", "en", "They opened CAS {case_number|123/04/2022} at the police station. Her ID number {id_number|800101 5009 087} was on the form.",
 []),
("en-za-02", "en", "{person|Thandiwe} was {age|15} when the man from {place|Diepsloot} started paying for her airtime.",
 [R(P, "Thandiwe Dlamini"), R(PL, "Diepsloot")]),
("en-za-03", "en", "The social worker, Mrs {person|Naidoo}, e-mailed {email|thandi.d@webmail.co.za} asking her to come in.",
 [R(P, "Priya Naidoo")]),
("en-na-01", "en", "I am a teacher at {school|Katutura Secondary}. The learner was {age|13} years old. Call me on {phone|081 234 5678}.",
 [R(S, "Katutura Secondary")]),
("en-ph-01", "en", "The caregiver, {person|Lorna}, said the cam operator in {place|Barangay San Isidro} used the account {handle|@pinaylove_09}.",
 [R(P, "Lorna Villanueva"), R(PL, "Barangay San Isidro")]),
("en-ph-02", "en", "Prosecutor: Criminal Case No. {case_number|R-QZN-19-01234-CR} is pending. The child, a {age|12}-year-old girl, is in a shelter run by {organisation|Bahay Pag-asa Foundation}.",
 [R(O, "Bahay Pag-asa Foundation")]),
("en-ke-04", "en", "There is hope, she said. We pray every Sunday. The programme helped many children in the county.",
 [R(P, "Hope Achieng"), R(P, "Sunday Ouma")]),
("en-ke-05", "en", "Born on {dob|12 March 2009}, she was the youngest. Her cousin {person|Achieng} also joined the group chat.",
 [R(P, "Hope Achieng")]),
# ---- Swahili (Kenya, Tanzania, Uganda) ---------------------------------------------------------
("sw-tz-01", "sw", "Nilikuwa na miaka {age|14} wakati {person|Juma Hamisi} aliponipigia simu kwa {phone|0754 123 456}.",
 [R(P, "Juma Hamisi")]),
("sw-tz-02", "sw", "Mama yake alifungua kesi namba {case_number|234/2021} katika kituo cha polisi cha {place|Buguruni}.",
 [R(PL, "Buguruni")]),
("sw-tz-03", "sw", "{person|Neema} alisoma {school|Shule ya Msingi Mbezi} na rafiki yake {person|Rehema Mushi}.",
 [R(P, "Neema Joseph"), R(S, "Shule ya Msingi Mbezi"), R(P, "Rehema Mushi")]),
("sw-ke-01", "sw", "Alinitumia ujumbe kupitia {handle|@kijana_nairobi} na baadaye akanitumia pesa kwa {phone|+254 (0) 712 345678}.",
 []),
("sw-ke-02", "sw", "Ni baraka kubwa kwamba mtoto alirudi shuleni. {person|Baraka} mwenyewe alisema anataka kuwa daktari.",
 [R(P, "Baraka Otieno")]),
("sw-ke-03", "sw", "{person|Otieno} alizaliwa tarehe {dob|5 Machi 2010} huko {place|Kondele}.",
 [R(P, "Baraka Otieno"), R(PL, "Kondele")]),
("sw-ug-01", "sw", "Afisa wa ustawi wa jamii wa {organisation|Tumaini Children's Home} alisema kitambulisho namba {id_number|23456789} kilipotea.",
 [R(O, "Tumaini Children's Home")]),
("sw-tz-04", "sw", "Tulipata amani baada ya kesi kwisha. Namba ya NIDA ya baba ni {id_number|19900101-12345-00001-23}.",
 [R(P, "Amani Mollel")]),
# ---- Portuguese (Mozambique) -------------------------------------------------------------------
("pt-mz-01", "pt", "Eu tinha {age|14} anos quando o {person|Sérgio Macuácua} começou a mandar mensagens para o número {phone|84 123 4567}.",
 [R(P, "Sérgio Macuácua")]),
("pt-mz-02", "pt", "O processo n.º {case_number|456/2021} foi aberto na esquadra de {place|Chamanculo}.",
 [R(PL, "Chamanculo")]),
("pt-mz-03", "pt", "A {person|Esperanca} estudava na {school|Escola Primária de Laulane} com a irmã {person|Fátima Cossa}.",
 [R(P, "Esperança Cossa"), R(S, "Escola Primária de Laulane"), R(P, "Fátima Cossa")]),
("pt-mz-04", "pt", "Ela nasceu em {dob|3 de maio de 2008}. O BI {id_number|110100123456A} ficou com o tio.",
 []),
("pt-mz-05", "pt", "Ele mandou o link {url|https://www.instagram.com/bela.maputo}, e depois escreveu para {email|joao.m@tvcabo.co.mz}.",
 []),
("pt-mz-06", "pt", "Isso aconteceu há 15 anos, disse a avó. Há muita esperança agora na comunidade.",
 [R(P, "Esperança Cossa")]),
("pt-mz-07", "pt", "A assistente social {person|Dona Glória Mabunda} ligou para {phone|+258 84 123 4567}.",
 [R(P, "Glória Mabunda", aliases=["Dona Glória Mabunda"])]),
("pt-mz-08", "pt", "O menino, de {age|13} anos, morava em {place|Matola Rio} com o pai.",
 [R(PL, "Matola Rio")]),
# ---- Bahasa Indonesia / Malay ------------------------------------------------------------------
("id-01", "id", "Waktu itu umur saya {age|15} tahun. {person|Rudi} kirim pesan dari {phone|0812-3456-7890} setiap malam.",
 [R(P, "Rudi Hartono")]),
("id-02", "id", "Laporan {case_number|LP/B/123/IV/2023/SPKT} sudah masuk di Polres. NIK-nya {id_number|3174051234560001}.",
 []),
("id-03", "id", "{person|Siti Rahmawati} sekolah di {school|SMP Negeri 3 Cibinong} dan tinggal di {place|Desa Sukamaju}.",
 [R(P, "Siti Rahmawati"), R(S, "SMP Negeri 3 Cibinong"), R(PL, "Desa Sukamaju")]),
("id-04", "id", "Dia lahir {dob|17 Agustus 2009} di Medan. Akun Instagram-nya {handle|@siti.rhm09}.",
 []),
("id-05", "id", "Nomor Perkara {case_number|12/Pid.Sus/2023/PN} disidangkan minggu lalu. Dua tahun lalu dia pindah.",
 []),
("id-06", "id", "Pendamping dari {organisation|Yayasan Kasih Anak} bilang korban berusia {age|13} ketika itu.",
 [R(O, "Yayasan Kasih Anak")]),
("ms-01", "ms", "No. kad pengenalan {id_number|090512-14-5678}. Dia telefon dari {phone|012-345 6789} semalam.",
 []),
("ms-02", "ms", "{person|Nurul Ain} bersekolah di {school|SK Taman Melati} sebelum berpindah.",
 [R(P, "Nurul Ain binti Hassan"), R(S, "SK Taman Melati")]),
# ---- Vietnamese -------------------------------------------------------------------------------
("vi-01", "vi", "Em mới {age|15} tuổi khi {person|Trần Văn Hùng} nhắn tin qua Zalo số {phone|0912.345.678}.",
 [R(P, "Trần Văn Hùng")]),
("vi-02", "vi", "Mẹ em là chị {person|Nguyen Thi Lan}, bà nói {person|Hùng} hay đến nhà.",
 [R(P, "Nguyễn Thị Lan"), R(P, "Trần Văn Hùng")]),
("vi-03", "vi", "Bản án số {case_number|45/2022/HS-ST} của tòa án huyện {place|Gia Lâm} đã tuyên.",
 [R(PL, "Gia Lâm")]),
("vi-04", "vi", "Em sinh ngày {dob|12 tháng 3 năm 2009}, học ở {school|Trường THCS Ngọc Thụy}.",
 [R(S, "Trường THCS Ngọc Thụy")]),
("vi-05", "vi", "Số CCCD {id_number|001203012345} của em bị người đó giữ. Trang của nó: {url|fb.com/lan.nguyen.99}.",
 []),
("vi-06", "vi", "Chúng tôi có 3 người trong nhóm hỗ trợ của {organisation|Tổ chức Blue Dragon}.",
 [R(O, "Tổ chức Blue Dragon")]),
("vi-07", "vi", "Anh ấy dùng email {email|hung.tran88@gmail.com} để gửi ảnh. Cô {person|Mai} đã báo công an.",
 [R(P, "Lê Thị Mai")]),
# ---- Thai ------------------------------------------------------------------------------------
("th-01", "th", "ตอนนั้นหนูอายุ {age|14} ปี {person|สมชาย} ส่งข้อความมาจากเบอร์ {phone|081-234-5678} ทุกคืน",
 [R(P, "สมชาย ใจดี")]),
("th-02", "th", "น้องเกิดวันที่ {dob|12 มีนาคม 2552} เรียนที่{school|โรงเรียนบ้านหนองแวง}",
 [R(S, "โรงเรียนบ้านหนองแวง")]),
("th-03", "th", "เลขบัตรประชาชน {id_number|1-2345-67890-12-3} ถูกส่งไปให้คนร้าย คดีที่ {case_number|123/2565} ยังไม่จบ",
 []),
("th-04", "th", "แม่ของ{person|มะลิ}บอกว่าเขาอยู่ที่{place|บ้านโนนสูง} และใช้ไลน์ {handle|@mali_2009}",
 [R(P, "มะลิ ศรีสุข"), R(PL, "บ้านโนนสูง")]),
("th-05", "th", "เจ้าหน้าที่จาก{organisation|มูลนิธิศูนย์พิทักษ์สิทธิเด็ก}มาเยี่ยมบ้าน ตอนนั้นมี 5 คน",
 [R(O, "มูลนิธิศูนย์พิทักษ์สิทธิเด็ก")]),
("th-06", "th", "He was born in {dob|B.E. 2552}. ไปที่ {url|t.me/somchai_bkk} แล้วกด",
 []),
("th-07", "th", "{person|ด.ญ. ฝน} เล่าว่าวันนั้นฝนตกหนัก",
 [R(P, "ฝน", aliases=["ด.ญ. ฝน"], common_word=True)]),
# ---- Khmer -----------------------------------------------------------------------------------
("km-01", "km", "ពេលនោះខ្ញុំអាយុ {age|១៤} ឆ្នាំ។ {person|សុខ ចាន់ធី} បានផ្ញើសារមកខ្ញុំ។",
 [R(P, "សុខ ចាន់ធី")]),
("km-02", "km", "លេខទូរស័ព្ទ {phone|012 345 678} របស់គាត់ ហើយគាត់រស់នៅភូមិ{place|ព្រែកលៀប}។",
 [R(PL, "ព្រែកលៀប")]),
("km-03", "km", "ខ្ញុំស្គាល់{person|ចាន់ធី}តាំងពីតូច។ គាត់រៀននៅ{school|សាលាបឋមសិក្សាទួលគោក}។",
 [R(P, "សុខ ចាន់ធី"), R(S, "សាលាបឋមសិក្សាទួលគោក")]),
("km-04", "km", "Bong phone me on {phone|+855 12 345 678} every night. Her ID {id_number|110123456} was kept.",
 []),
("km-05", "km", "កើតថ្ងៃទី {dob|១២ ខែមីនា ឆ្នាំ ២០០៩} នៅខេត្តកណ្ដាល។ អង្គការ {organisation|មិត្តសំឡាញ់} ជួយគាត់។",
 [R(O, "មិត្តសំឡាញ់")]),
# ---- Filipino --------------------------------------------------------------------------------
("tl-01", "tl", "Siya ay {age|15} taong gulang noon. Tinext niya ako sa {phone|0917 123 4567} kagabi.",
 []),
("tl-02", "tl", "Si {person|Ligaya Reyes} ay nag-aaral sa {school|Mababang Paaralan ng Tondo}. Sabi ni {person|Aling Rosa}, mabait siya.",
 [R(P, "Ligaya Reyes"), R(S, "Mababang Paaralan ng Tondo"), R(P, "Rosa Cruz", aliases=["Aling Rosa"])]),
("tl-03", "tl", "Siya ay ipinanganak noong {dob|Marso 12, 2009}. PhilSys {id_number|1234-5678-9101} niya ay nasa ahente.",
 []),
("tl-04", "tl", "Ang ligaya ng pamilya ay bumalik nang makauwi siya sa {place|Barangay Bagong Silang}.",
 [R(P, "Ligaya Reyes"), R(PL, "Barangay Bagong Silang")]),
("tl-05", "tl", "Ang account niya ay {url|https://www.facebook.com/angel.tondo.5} at {email|angel.tondo@yahoo.com}.",
 []),
# ---- Amharic / Ethiopia ----------------------------------------------------------------------
("am-01", "am", "ስልኩ {phone|+251 911 23 45 67} ነው። ዕድሜዬ {age|14} ነበር።",
 []),
("am-02", "am", "She was born on {dob|Meskerem 12, 2001 E.C.} in {place|Kolfe Keranyo}. Fayda {id_number|1234 5678 9012}.",
 [R(PL, "Kolfe Keranyo")]),
("am-03", "am", "{person|Tigist Alemu} told us that {person|Alemu} sent money from {phone|0911 23 45 67}.",
 [R(P, "Tigist Alemu")]),
# ---- Mixed and tricky -------------------------------------------------------------------------
("mix-01", "en", "Her NIN is {id_number|CM90012345ABCD}; the link was {url|wa.me/254712345678}.",
 []),
("mix-02", "en", "In 2019 there were 12 cases in the district and the meeting on 12/04/2023 was long.",
 []),
("mix-03", "sw", "Tulikutana saa 4 asubuhi na walimu 12 wa kaunti.",
 []),
("mix-04", "en", "Write to {email|neema [at] gmail [dot] com} or follow {handle|@neema_tz}. {person|Neema} is {age|16} years old.",
 [R(P, "Neema Joseph")]),
("mix-05", "en", "The stepfather, Mr. {person|Mutua}, drove her from {place|Kitengela} to the lodge.",
 [R(P, "Daniel Mutua"), R(PL, "Kitengela")]),
("mix-06", "en", "An unregistered uncle called {person|Kiprop} was mentioned once.",
 []),
]

KINDS = {"person", "place", "school", "organisation", "address", "phone", "email", "handle", "url",
         "age", "dob", "id_number", "case_number", "other"}
MARK = re.compile(r"\{([a-z_]+)\|([^{}]*)\}")

def build(snippet_id, language, marked, register):
    marked = unicodedata.normalize("NFC", marked)
    text, gold, pos = "", [], 0
    for m in MARK.finditer(marked):
        kind, span = m.group(1), m.group(2)
        assert kind in KINDS, (snippet_id, kind)
        text += marked[pos:m.start()]
        gold.append({"start": len(text), "end": len(text) + len(span), "kind": kind, "text": span})
        text += span
        pos = m.end()
    text += marked[pos:]
    assert "{" not in text and "}" not in text, snippet_id
    entries = []
    for i, entry in enumerate(register, 1):
        entries.append({"id": i, **{k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v
                                     for k, v in entry.items()}})
    return {"id": snippet_id, "language": language, "text": text, "register": entries, "gold": gold}

def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devset.jsonl")
    ids = set()
    with open(out, "w", encoding="utf-8") as f:
        for snippet in SNIPPETS:
            assert snippet[0] not in ids, snippet[0]
            ids.add(snippet[0])
            f.write(json.dumps(build(*snippet), ensure_ascii=False) + "\n")
    print(f"{len(SNIPPETS)} snippets -> {out}")

if __name__ == "__main__":
    main()
