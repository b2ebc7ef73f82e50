#!/usr/bin/env python3
"""Build the codebooks shipped with Tessera as REFI-QDA codebook files (.qdc).

The codebooks are written below as plain Python data, one `code(...)` call per code. To change a
codebook, edit the data and run

    python3 codebooks/build_codebooks.py            # writes codebooks/*.qdc
    python3 codebooks/build_codebooks.py --check    # fails if a .qdc is out of date

then validate both outputs (see docs/codebooks.md):

    xmllint --noout --schema /path/to/Codebook.xsd codebooks/ocsea-study.qdc

Rules that keep the files exchangeable (see docs/codebooks.md):

* A code's GUID never changes once the codebook has shipped: projects, merges and other QDA tools
  match codes by GUID. Renaming or moving a code keeps its GUID. Write `guid=None` for a new code
  and run `python3 codebooks/build_codebooks.py --fill-guids`, which replaces each `guid=None` in
  this file with a fresh random (version 4) UUID and then builds.
* Every code has all four parts of its description: definition, include, exclude, example. Each
  part is one paragraph (no line breaks); the example is a short, fictional, non-graphic quote,
  written without the surrounding quotation marks.
* A code with children is a pure category (isCodable="false") unless it says `codable=True`; a
  code without children, at any level, is codable.
* Colours come from one hue per top-level category (`hue=` on the top-level code); children get
  lighter shades of it. `color="#RRGGBB"` on any code overrides the computed colour.
"""

from __future__ import annotations

import argparse
import colorsys
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "urn:QDA-XML:codebook:1.0"
SCHEMA_URL = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
ORIGIN = "Tessera 0.1"
HERE = Path(__file__).resolve().parent


@dataclass
class Code:
    name: str
    guid: str | None
    definition: str
    include: str
    exclude: str
    example: str
    children: list["Code"] = field(default_factory=list)
    codable: bool | None = None
    hue: float | None = None
    color: str | None = None

    @property
    def is_codable(self) -> bool:
        return self.codable if self.codable is not None else not self.children

    def description(self) -> str:
        return (f"Definition: {self.definition}\n"
                f"Include: {self.include}\n"
                f"Exclude: {self.exclude}\n"
                f"Example: \"{self.example}\"")


def code(name, *, guid, definition, include, exclude, example, children=(), codable=None,
         hue=None, color=None) -> Code:
    return Code(name, guid, definition, include, exclude, example, list(children), codable, hue,
                color)


@dataclass
class CodeSet:
    name: str
    guid: str | None
    description: str
    members: list[str]  # code paths, levels separated by "/"


@dataclass
class Codebook:
    filename: str
    codes: list[Code]
    sets: list[CodeSet] = field(default_factory=list)
    required_paths: list[str] = field(default_factory=list)


# ================================================================================================
# 1. Main codebook of the OCSEA study: codebooks/ocsea-study.qdc
# ================================================================================================

OCSEA_STUDY = Codebook("ocsea-study.qdc", codes=[

  code("Forms of OCSEA", hue=0, guid="8dbe453b-d8c8-48cf-9131-0d967a66e134",
       definition="Category for the forms of online child sexual exploitation and abuse (OCSEA) that a participant describes a child experiencing or being targeted by. Apply its child codes, not the category itself.",
       include="Accounts told by the child, a caregiver or a professional, including attempts that failed and abuse that began online and continued offline. Several forms often occur in one account: code each one.",
       exclude="Who the offender was and which service was used (People and platforms); how the child told someone (Disclosure and help-seeking); general views on online risks with no account of abuse (Protective factors or Recommendations).",
       example="It started with messages in a game and later he asked me for pictures.",
       children=[
    code("Grooming", guid="9ac9fbaa-7235-440f-8396-f0df782438bd",
         definition="An adult or older young person building a relationship, trust or emotional dependence with a child online in order to manipulate the child into sexual contact, sharing sexual images or meeting.",
         include="Flattery, attention and promises of love; gifts, phone credit or game items given to build trust; pretending to be a peer or a romantic partner; asking the child to keep the contact secret; moving the conversation to private channels or gradually to sexual topics.",
         exclude="Explicit threats or blackmail (Coercion and threats); money or goods offered in direct exchange for images or acts (Exploitation for money or gifts); an in-person meeting that followed (also code Offline contact after online contact).",
         example="He was so kind at first. He said nobody understood me like he did, and told me not to tell my mother about our chats."),
    code("Coercion and threats", guid="14e1d7a0-67ef-4a14-881d-15c67f8ae388",
         definition="Threats, intimidation or blackmail used to force a child to send sexual images, take part in sexual acts, pay money or stay silent, including sexual extortion.",
         include="Threats to send images to family, school or friends or to post them online; threats of violence against the child or family; demands for more images or for money; pressure to keep quiet after the abuse.",
         exclude="Images that were actually shared (Non-consensual sharing of images; co-code when a threat came first); persuasion and manipulation without threats (Grooming); threats made to stop a report or a court case (Barriers/Fear of retaliation).",
         example="He said he would post the photos if I did not send more."),
    code("Non-consensual sharing of images", guid="b41ae6c9-39a8-47f1-96a7-751785fd38a3",
         definition="Sexual images or videos of a child being forwarded, posted, sold or shown to others without the child's consent, whoever made them.",
         include="Images forwarded by a former partner or a peer; images posted in groups, pages or websites; images shown to classmates; images traded or sold; the child's fear that images are still circulating.",
         exclude="Threats to share that were not carried out (Coercion and threats); abuse broadcast in real time (Live-streamed abuse).",
         example="Someone in my class got the picture, and soon the whole school had seen it."),
    code("Offline contact after online contact", guid="2489851f-bf36-4966-be2b-e8111814e293",
         definition="A child meeting in person someone they first came into contact with online, where the meeting involved or was meant to lead to sexual abuse or exploitation.",
         include="Arranged meetings, being picked up or travelling to meet the person, meetings that were attempted or prevented, and abuse at the meeting described in general terms.",
         exclude="Abuse by someone the child already knew offline (code the form, such as Grooming, and People and platforms/Offender known to the child).",
         example="We chatted for two months, then he said he would come to my town to see me."),
    code("Unwanted sexual requests and content", guid="fb0f828b-430a-4984-b75d-d964c49867b9",
         definition="A child receiving unwanted sexual messages, images, comments or requests online where no further abuse is described.",
         include="Unsolicited sexual images or messages; sexual comments on the child's posts; requests for sexual images or talk that the child refused, ignored or blocked.",
         exclude="Requests made as part of a longer relationship-building process (Grooming) or backed by threats (Coercion and threats).",
         example="Strangers sometimes send me messages like that, and I just block them."),
    code("Exploitation for money or gifts", guid="9d09c703-cfe6-431c-bd5a-c6b3d2291a3c",
         definition="A child being offered or given money, gifts, phone credit, game items or other benefits in exchange for sexual images, sexual acts, live-streaming or meetings.",
         include="Exchanges proposed by an offender, by a third party or by the child; payment by mobile money, transfer or game currency; children describing the exchange as a way to meet their needs.",
         exclude="Gifts used only to build trust, with no exchange stated (Grooming); the person who arranged or profited from the exchange (also code People and platforms/Facilitators and intermediaries).",
         example="He offered to buy me phone credit if I sent him pictures."),
    code("Live-streamed abuse", guid="00cb6a33-a7c2-4822-8bd8-3928b84502da",
         definition="Sexual abuse of a child broadcast in real time over a video call or streaming service, often directed and paid for by viewers who may be in another country.",
         include="Abuse directed through a webcam or video call; paid live sessions; adults arranging or hosting streaming sessions with children.",
         exclude="Recordings shared afterwards (Non-consensual sharing of images); the payment itself (also code Exploitation for money or gifts).",
         example="The police told us the video calls were being watched by people overseas who paid for them."),
  ]),

  code("People and platforms", hue=280, guid="9f8f77ac-6895-42c4-812a-04dddc18159a",
       definition="Category for the people involved in the abuse (offenders and facilitators) and the online services, devices and places of access that were used.",
       include="The offender's relationship to the child, how they came into contact, who arranged or profited from the abuse, and the platforms, games, devices and connections involved.",
       exclude="The forms of abuse themselves (Forms of OCSEA); reports made to platforms (Reporting/Reporting to platforms).",
       example="It was someone from our village, and he used his brother's account on the app.",
       children=[
    code("Offender known to the child", guid="5883324d-712a-4cab-afa6-59b614b39da3",
         definition="The offender was someone the child knew offline before, or independently of, the online contact.",
         include="Family members and relatives, caregivers' partners, neighbours, teachers and other people in positions of trust, family friends, boyfriends or girlfriends, classmates and other children.",
         exclude="Someone the child first met online (Offender met online); a third party who arranged the abuse or profited from it (Facilitators and intermediaries; co-code when that person was also known to the child).",
         example="It was my cousin's friend. He used to come to our house."),
    code("Offender met online", guid="afaf7e5a-5ce4-4817-89f4-f4fcde043671",
         definition="The offender was someone the child first came into contact with online and did not know offline beforehand, including people using fake profiles.",
         include="People who made contact through social media, games or chat apps; fake identities and age; offenders in another country; offenders whose identity was never established.",
         exclude="Someone the child knew offline who used a fake account, once the child learned who it was (Offender known to the child).",
         example="I thought she was a girl my age, but later I found out it was a grown man."),
    code("Facilitators and intermediaries", guid="532c604e-0cfb-43c1-98f5-77df2864e4e3",
         definition="People who arranged, enabled or profited from the abuse without necessarily being the direct offender.",
         include="Relatives or acquaintances who arranged live-streaming or received payments; peers who recruited other children; adults who introduced the child to an offender; people who knowingly provided a place or a connection.",
         exclude="The direct offender (Offender known to the child or Offender met online).",
         example="The woman who brought the children to him was the one who took the money."),
    code("Social media and messaging apps", guid="94b271fb-d2fc-42c9-9ce9-0d7de6d418c8",
         definition="Social media, chat, messaging, dating, video-call and image-sharing services named or described as a place where contact, abuse, threats or sharing happened.",
         include="Named or unnamed services; moves from one service to another, for example from a public profile to a private chat; features such as disappearing messages, group chats, live video and anonymous accounts.",
         exclude="Games and in-game chat (Online games); reports made to a platform (Reporting/Reporting to platforms); requests by police for platform data (Barriers/Digital evidence).",
         example="First he added me on social media, then he asked me to move to another chat app."),
    code("Online games", guid="bf8c36a7-5567-4486-b6fc-ce433a68ec14",
         definition="Online games, gaming platforms and in-game text or voice chat named or described as a place where contact or abuse began or continued.",
         include="Multiplayer games, in-game gifts and currency, gaming voice chat, gaming communities and game streaming.",
         exclude="Social media or messaging apps used after leaving the game (Social media and messaging apps; co-code the move).",
         example="We were on the same team in the game, and he kept sending me diamonds."),
    code("Devices and access", guid="8c44c608-d81e-4010-a649-daa72cd2718a",
         definition="The devices, connections and places through which the child went online, and who controlled them, as they relate to the risk or the abuse.",
         include="Own, shared or borrowed phones; phones or data bundles given by the offender; internet cafes, school or public wifi; caregivers' access to and control over devices.",
         exclude="Caregivers' support and guidance as a protective factor (Protective factors/Supportive caregiver); safety skills (Protective factors/Digital literacy).",
         example="He gave her a phone so that her parents would not see the messages."),
  ]),

  code("Disclosure and help-seeking", hue=30, guid="c0506477-282f-4bf2-b9d0-0426e59f52e6",
       definition="Category for whether, when, how and to whom a child told someone about the abuse or looked for help, and how the people they told reacted.",
       include="Full, partial, accidental and delayed disclosure; abuse discovered by others; searching for help; reasons for silence; reactions of the people told.",
       exclude="Formal reports to police, platforms, helplines or child protection services (Reporting).",
       example="I only told someone after many months.",
       children=[
    code("Disclosure to family", guid="9303da53-abac-4882-8d4d-2f0687f51c9e",
         definition="The child telling a parent, caregiver, sibling or other relative, or the abuse becoming known to them.",
         include="Direct disclosure, hints and partial disclosure, discovery by a family member (for example finding messages), who in the family was told first and why.",
         exclude="How the family reacted (Reactions to disclosure); the family's report to authorities (Reporting).",
         example="I told my older sister first because I was afraid of what my father would say."),
    code("Disclosure to peers", guid="5d8b80f7-dd61-4385-afbd-6e78f3d3e201",
         definition="The child telling a friend, classmate, partner or other young person about the abuse.",
         include="Telling friends in person or online; peers who noticed and asked; peers who encouraged the child to tell an adult.",
         exclude="Peers as offenders or as people who shared images (People and platforms, Forms of OCSEA); ongoing support from friends (Protective factors/Peer support).",
         example="My best friend was the only one who knew. She told me to block him."),
    code("Disclosure to professionals", guid="1c007b69-c5b8-4597-a2fe-b4c4e09474ce",
         definition="The child or family telling a teacher, counsellor, health worker, religious or community leader or another professional, outside a formal report.",
         include="Disclosure at school, in health settings or to community leaders; professionals who noticed signs and asked.",
         exclude="Formal reports to child protection or social welfare services (Reporting/Reporting to child protection services) or to the police (Reporting/Reporting to police).",
         example="My teacher saw I was upset and asked what was wrong, so I showed her the messages."),
    code("Online help-seeking", guid="a110d09e-d22d-4eb1-a28a-0fca3abc0edf",
         definition="The child or caregiver looking for information, advice or help online.",
         include="Internet searches on what to do, online counselling or chat services, asking in online groups or forums, looking for a platform's reporting tool.",
         exclude="A completed report to a platform (Reporting/Reporting to platforms) or to a helpline (Reporting/Reporting to helplines and hotlines).",
         example="I searched on the internet how to make someone delete a photo."),
    code("Reasons for not telling", guid="0dae966e-9eec-4f21-8bf9-e11b95169e15",
         definition="Reasons the child or caregiver gives for not telling anyone, delaying, or telling only part of what happened.",
         include="Fear of punishment or of losing the phone; self-blame; threats from the offender; not recognising what happened as abuse; not knowing whom to tell; protecting the offender or the family; expecting not to be believed.",
         exclude="Reasons for not making a formal report after someone was told (Barriers). Co-code the matching barrier, for example Barriers/Shame and stigma, when the reason is a general one.",
         example="I thought my parents would take my phone away and say it was my fault."),
    code("Reactions to disclosure", guid="a5c23d75-e396-480d-b1cb-6b93fb8beeb5",
         definition="Category for how the people a child told, or who found out, responded.",
         include="Reactions of family members, friends, teachers and other people told informally.",
         exclude="Responses of police, platforms, helplines and services to a formal report (Reporting/Response to reports).",
         example="When I told them, everything changed at home.",
         children=[
      code("Supportive reaction", guid="51a51183-34a8-4818-8909-78bd3c7fbfd5",
           definition="The person told believed the child, stayed calm, comforted them, or helped them get help.",
           include="Believing the child; saying it was not their fault; helping to block, keep evidence or report; going with the child to services.",
           exclude="A caregiver's support over time (Protective factors/Supportive caregiver); responses of institutions (Reporting/Response to reports/Supportive response).",
           example="My mother hugged me and said we would deal with it together."),
      code("Blaming or punitive reaction", guid="790ffdb8-aeaa-4c81-85bc-e49edb9ca6b5",
           definition="The person told disbelieved, blamed, punished, shamed or ignored the child, or pressured them to keep silent.",
           include="Scolding or physical punishment described in general terms; taking away the phone or forbidding the internet; pressure to stay quiet to protect the family's reputation; being told to forget it.",
           exclude="Blaming by police or services (Reporting/Response to reports/Dismissive or blaming response).",
           example="My father said I had brought shame on the family and took my phone away."),
    ]),
  ]),

  code("Reporting", hue=48, guid="9334e613-2db3-4408-9ba2-31a14bd2703d",
       definition="Category for formal reports of the abuse, made by the child, a caregiver or someone else, to police, platforms, helplines or child protection services, and for how those reports were received.",
       include="The decision to report, who made the report, the reporting process and the response.",
       exclude="Informal telling (Disclosure and help-seeking); what happened once an investigation began (Justice process).",
       example="We went to the police station the next morning.",
       children=[
    code("Reporting to police", guid="9eb7531d-e433-48cd-b44a-5505173ced27",
         definition="A report or complaint to the police, including specialised cybercrime or women and children's units, and the experience of making it.",
         include="Going to a station; being sent to another station or unit; filing a complaint; giving a first statement; being asked to bring evidence.",
         exclude="Later investigation steps (Justice process/Investigation); how officers treated the child (also code a Response to reports subcode).",
         example="At the station they sent us to another office because they said it was an online case."),
    code("Reporting to platforms", guid="63814c46-d756-45ed-a59b-47b7d280968d",
         definition="Reporting an account, message, image or video to the online service where it appeared, and the result.",
         include="Report buttons and forms, requests to take content down, whether content or accounts were removed, the platform's reply or silence.",
         exclude="Requests by police or prosecutors for platform data (Barriers/Digital evidence or Justice process/Investigation); blocking without reporting (Protective factors/Digital literacy).",
         example="I reported his account, but it was still there a week later."),
    code("Reporting to helplines and hotlines", guid="5c8aa6ff-92a6-4d67-a901-24c70698dd4a",
         definition="Contact with a child helpline, or a report to a hotline or online portal for child sexual abuse material or online abuse.",
         include="Child helplines by phone, chat or text; national and international reporting portals; what happened after the contact.",
         exclude="Looking for advice online without contacting a service (Disclosure and help-seeking/Online help-seeking).",
         example="My friend gave me the helpline number, and the counsellor explained what I could do."),
    code("Reporting to child protection services", guid="f91b0ae4-8437-4862-a8bf-ef5b94d7f0f0",
         definition="A report to social welfare, child protection or other government services responsible for children, including through a school or a community child protection mechanism.",
         include="Social welfare offices, village or community child protection committees, school referrals to child protection, local officials.",
         exclude="Informal telling of a professional without a report (Disclosure and help-seeking/Disclosure to professionals); services received afterwards (Support services).",
         example="The village chief called the social welfare officer, and she came to our house."),
    code("Response to reports", guid="1933056e-46a3-4a1e-93f1-92e92d64d3b6",
         definition="Category for how the police, platforms, helplines and services that received a formal report responded to the child and family.",
         include="Attitudes, actions and follow-up after a report.",
         exclude="Reactions of family and friends (Disclosure and help-seeking/Reactions to disclosure).",
         example="How they treated us at the station decided whether we continued.",
         children=[
      code("Supportive response", guid="47d8f15f-221a-4e1d-895e-29dd3d072a4d",
           definition="The report was taken seriously, and the child and family were treated with respect and given information and follow-up.",
           include="Being believed; privacy respected; next steps explained; referral to services; prompt action.",
           exclude="Child-friendly measures within the justice process (Justice process/Child-friendly procedures).",
           example="The policewoman spoke to me kindly and explained what would happen next."),
      code("Dismissive or blaming response", guid="04ac3e1e-df99-4c39-b4a7-82808acf2f52",
           definition="The report was refused, minimised or delayed, or met with blame, ridicule, moralising or requests for payment.",
           include="Being sent away or told it was not a crime; being blamed for sending images or for going online; being asked to pay costs or informal fees; being advised to settle privately (also code Justice process/Case outcome/Out-of-court settlement).",
           exclude="Reports that simply got no answer (No follow-up); blaming by family or friends (Disclosure and help-seeking/Reactions to disclosure/Blaming or punitive reaction).",
           example="The officer asked why I had sent the photos in the first place."),
      code("No follow-up", guid="eb815ad0-d18c-4436-b663-1eeafe5efe7e",
           definition="After the report, the child or family heard nothing, or action stopped without explanation.",
           include="Unanswered calls, lost reports, not knowing the status of the case, promises of action that did not come.",
           exclude="Delays that were explained to the family (Justice process/Delays and duration).",
           example="We gave our statement, and after that nobody ever called us."),
    ]),
  ]),

  code("Justice process", hue=210, guid="3974775e-6cce-4245-a6ad-b49fbe6ca456",
       definition="Category for experiences of and views on the justice process after a report: investigation, prosecution, court and outcomes.",
       include="The child's, caregiver's and professionals' accounts of each stage, its duration and its outcome.",
       exclude="The report itself (Reporting); compensation (Compensation and remedy); obstacles described as such (Barriers).",
       example="The case has been going on for two years now.",
       children=[
    code("Investigation", guid="83d7de35-a0f4-4bbe-b66b-52ea78bde953",
         definition="What police and prosecutors did to investigate the case, and how the child and family experienced it.",
         include="Statements and interviews; medical or forensic examinations described in general terms; collecting phones and other evidence; identifying, finding and arresting the suspect; how the family was kept informed.",
         exclude="Difficulties with digital evidence (Barriers/Digital evidence); measures to protect the child in interviews (Child-friendly procedures).",
         example="They took her phone for the investigation, and we still have not got it back."),
    code("Court experience", guid="2e061b89-c3ed-432b-bbbd-fe7c00ba8481",
         definition="The child's and family's experience of prosecution and trial: preparation, waiting, giving evidence, seeing the accused, and how they were treated in court.",
         include="Court preparation; hearings; giving evidence and being questioned, in general terms; feelings before and after court; contact with prosecutors, lawyers and judges.",
         exclude="Specific protective measures such as video-link testimony or screens (Child-friendly procedures); outcomes (Case outcome).",
         example="I was scared to see him in the courtroom, but the prosecutor told me I did well."),
    code("Child-friendly procedures", guid="b1764933-77d0-426f-a8e1-ace5e4ccafaa",
         definition="Measures that adapt the justice process to children and reduce harm to them, whether present, absent or asked for.",
         include="Child-friendly interview rooms; recorded or video-link testimony; screens; closed hearings; a support person; limits on repeated interviews; interpreters; being interviewed by an officer of the child's preferred gender; protecting the child's identity.",
         exclude="Court experience without reference to such measures (Court experience); psychosocial support outside the justice process (Support services/Psychosocial support).",
         example="They let me speak from another room by video, so I did not have to see him."),
    code("Delays and duration", guid="dc37cab2-1bea-4d19-bc62-e92990474efa",
         definition="The time taken at any stage of the justice process and what it meant for the child and family.",
         include="Postponed hearings; long waits for forensic or platform results; cases that last years; the effect of delays on recovery, schooling or willingness to continue.",
         exclude="Cases that stopped altogether (Case outcome/Case dropped or withdrawn); reports that got no response at all (Reporting/Response to reports/No follow-up).",
         example="Every time we go to court, the hearing is postponed again."),
    code("Cross-border cases", guid="9b455be9-7cea-43d1-88b9-da0e10117ed8",
         definition="Cases in which the offender, the victim or the evidence was in another country, and what this meant for the case.",
         include="Offenders abroad; travelling offenders; international police cooperation; referrals from foreign authorities; extradition.",
         exclude="Routine requests to platforms based abroad, unless the foreign location is discussed (Barriers/Digital evidence).",
         example="The police said the man was overseas and there was nothing they could do."),
    code("Case outcome", guid="db968106-30e1-4282-b603-efbb480b58d4",
         definition="Category for how the case ended, or where it stands at the time of the interview.",
         include="Outcomes of criminal cases and informal settlements, and how the child and family viewed them.",
         exclude="Compensation ordered or received (Compensation and remedy).",
         example="In the end, we do not know what happened to the case.",
         children=[
      code("Conviction and sentencing", guid="980949df-eff1-40c7-8f66-8c0a115e45df",
           definition="The offender was convicted, including by a guilty plea, and how the child and family viewed the verdict and sentence.",
           include="Verdicts, sentences, perceptions of fairness and of safety after the sentence.",
           exclude="Compensation orders (Compensation and remedy).",
           example="When the judge said he would go to prison, my mother cried with relief."),
      code("Acquittal or dismissal", guid="84ba9eb8-ed29-49df-ab68-af874a912198",
           definition="A court acquitted the accused or dismissed the case.",
           include="Reasons given by the court; the effect on the child and family.",
           exclude="Cases closed before reaching a court (Case dropped or withdrawn).",
           example="The judge said there was not enough evidence, and he walked free."),
      code("Case dropped or withdrawn", guid="464fd5b0-ff44-411e-b0c6-8fe774b81dd5",
           definition="The case ended before a court decision because police or prosecutors closed it or the complainant withdrew.",
           include="Insufficient evidence; offender not identified; withdrawal because of pressure, cost, fear or exhaustion.",
           exclude="Withdrawal as part of an agreement between families (Out-of-court settlement).",
           example="After a year we stopped going. We could not afford the trips to the city."),
      code("Out-of-court settlement", guid="916fa769-b93b-4cee-a990-2884e289a739",
           definition="The matter was settled informally between families or through community, religious or traditional mechanisms instead of the formal justice process.",
           include="Payments to the child's family; mediation by village, religious or traditional leaders; agreements to withdraw a complaint; pressure to settle, including from officials.",
           exclude="Compensation ordered by a court (Compensation and remedy).",
           example="The village leader said the families should sort it out between themselves, and the man's family paid us."),
    ]),
  ]),

  code("Compensation and remedy", hue=175, guid="722ce8ee-1046-4c48-9cd7-98b215200303",
       definition="Compensation, restitution or any other remedy sought or received for the harm done to the child, and what the child and family consider a just outcome.",
       include="Court-ordered compensation; civil claims; state victim compensation schemes; whether orders were paid; removal of images as a remedy; apologies; knowledge of the right to compensation.",
       exclude="Informal payments to settle a case (Justice process/Case outcome/Out-of-court settlement); services provided to the child (Support services).",
       example="The court ordered him to pay us, but we have never received anything."),

  code("Support services", hue=130, guid="6db83c68-5d18-45b2-904b-501cb9eb16e3",
       definition="Category for services provided to the child and family after the abuse became known, and their access, quality and gaps.",
       include="Who provided the service, when, for how long, whether it helped, and what was missing.",
       exclude="Support from family and friends (Protective factors); obstacles to reaching services (Barriers).",
       example="After the case, an organisation started helping us.",
       children=[
    code("Psychosocial support", guid="99c3d5f8-e0bf-47dd-b655-21014f8616ed",
         definition="Counselling, therapy, psychological first aid, support groups and other mental health and psychosocial support for the child or family.",
         include="Who provided it and how often; whether it helped; waiting lists; support that stopped too early.",
         exclude="Informal support from family or friends (Protective factors); case management (Shelter and case management).",
         example="Talking to the counsellor every week helped me sleep again."),
    code("Shelter and case management", guid="712f3198-4532-411b-98da-3d0bf71a2a10",
         definition="Residential or temporary shelter, and case management by a social worker who assesses needs, plans and coordinates services and follows up.",
         include="Placement in a shelter or alternative care; length of stay; case plans; home visits; follow-up and case closure.",
         exclude="Staff shortages and poor coordination described as obstacles (Barriers/Capacity of services).",
         example="The social worker came to see us every month and helped us get to the hospital."),
    code("Medical care", guid="a605c57c-81cf-4d84-acea-4cf24666c667",
         definition="Health care for the child after the abuse, including treatment and sexual and reproductive health services.",
         include="Clinic and hospital visits, treatment, the attitude of health workers, costs of care.",
         exclude="Medical examinations done to collect evidence (Justice process/Investigation).",
         example="The nurse at the clinic was kind and did not ask too many questions."),
    code("Legal aid and accompaniment", guid="12c97025-63cb-46bd-b04e-adedc4d2986c",
         definition="Legal advice, legal representation, and accompaniment through the justice process by a lawyer, paralegal or support person.",
         include="Free or paid lawyers, victim advocates, NGO paralegals, being accompanied to the police or court, explanations of the process.",
         exclude="Child-friendly measures organised by the court or police (Justice process/Child-friendly procedures).",
         example="A lawyer from the organisation came with us to every hearing."),
    code("Education and reintegration", guid="3a35436b-52b7-4355-83fd-6fc9aed30023",
         definition="Support for the child to continue or return to school, training or work, and to return to family and community life.",
         include="School transfers; handling the school after images spread; vocational training; livelihood support for older children; reintegration after shelter care.",
         exclude="Support to caregivers (Family support).",
         example="They helped me move to a new school where nobody knew about it."),
    code("Family support", guid="f7ecce61-3e94-4ab7-ae6e-85db7287312f",
         definition="Support given to caregivers and the household.",
         include="Parenting support and counselling for caregivers; economic assistance; help with transport and other costs of attending services or court.",
         exclude="Support to the child (the other Support services codes); caregivers' own support to the child (Protective factors/Supportive caregiver).",
         example="They gave us money for the bus so that we could go to court."),
  ]),

  code("Barriers", hue=325, guid="44df7d49-42cd-489a-92bc-12a1dcaefb81",
       definition="Category for obstacles that prevented or discouraged children and families from telling, reporting, obtaining justice or receiving support, and obstacles professionals face in responding.",
       include="Obstacles named by any participant at any stage. Co-code the stage affected, for example Reporting/Reporting to police.",
       exclude="Reasons a child gives for not telling anyone (Disclosure and help-seeking/Reasons for not telling; co-code the matching barrier).",
       example="There are many reasons why families here do not go to the police.",
       children=[
    code("Shame and stigma", guid="b7e1a5f8-a6db-483c-b37e-c0ad338a0806",
         definition="Shame, fear of gossip, concern for family honour, and victim-blaming attitudes in the family or community that stop children and families from seeking help.",
         include="Fear of being judged; community gossip; stigma around sexuality; stigma particular to boys or to girls; fear that the child will not be able to marry or stay in school.",
         exclude="A specific blaming reaction to a disclosure (Disclosure and help-seeking/Reactions to disclosure/Blaming or punitive reaction).",
         example="People in the village would say she is a bad girl, so the family kept quiet."),
    code("Lack of knowledge", guid="2c6170c2-3764-46d1-b134-d711848397cd",
         definition="Not knowing that what happened is abuse or a crime, not knowing one's rights, or not knowing where and how to report or find help.",
         include="Gaps in knowledge among children, caregivers, communities or professionals; low awareness of online risks; caregivers unfamiliar with the technology their children use.",
         exclude="Lack of skills or resources within services (Capacity of services).",
         example="We did not know you could go to the police for something that happened on the phone."),
    code("Capacity of services", guid="b1d19cc7-d98b-4b0a-b403-1bfdc21daea9",
         definition="Services lacking the staff, skills, specialised units, equipment, funds, reach or coordination needed to respond to OCSEA in time and competently.",
         include="No specialised unit or social worker nearby; untrained staff; high caseloads; staff turnover; poor coordination and referral between agencies.",
         exclude="Problems specific to digital evidence (Digital evidence); laws and policies (Gaps in law and policy).",
         example="There is only one social worker for the whole district."),
    code("Digital evidence", guid="d0c871cc-8a69-4ac4-ace6-1efc68eed875",
         definition="Difficulties in preserving, obtaining, analysing or using digital evidence, including data held by platforms and service providers.",
         include="Deleted messages and accounts; lost or reset phones; families advised to delete content; slow or no response to data requests; lack of forensic tools or skills; admissibility of digital evidence in court.",
         exclude="A child's or caregiver's report to a platform to remove content (Reporting/Reporting to platforms); cases with a foreign offender or victim (also code Justice process/Cross-border cases).",
         example="He deleted his account, and without the chats the police said there was no case."),
    code("Fear of retaliation", guid="327457c9-9414-4503-98a8-288020baf01b",
         definition="Fear of the offender, the offender's family or the community, or threats made to stop a report or a case.",
         include="Threats to the child or family after a report; pressure to withdraw a complaint; fear of losing a job, housing or community support.",
         exclude="Threats that were part of the abuse (Forms of OCSEA/Coercion and threats).",
         example="His family came to our house and told us to withdraw the complaint."),
    code("Cost and distance", guid="1b04546c-19b2-4f21-b949-33b111c0fe72",
         definition="Financial and practical costs of seeking help or justice.",
         include="Transport and fees; lost income; time away from school or work; long distances to police, courts or services; costs of repeated trips.",
         exclude="Support that covered such costs (Support services/Family support).",
         example="The court is a day's travel away, and my husband would lose his wages."),
    code("Lack of trust in authorities", guid="a29c2ebe-ef10-44bb-9cb9-9add8b8bd54a",
         definition="An expectation that police, courts or services will not help, will blame the child, will not keep things confidential or are corrupt, based on one's own or others' experience.",
         include="Beliefs and reputations in the community; past experiences; fear that information will spread.",
         exclude="The response actually received to a report (Reporting/Response to reports).",
         example="Nobody goes to the police here. They say nothing ever happens."),
    code("Gaps in law and policy", guid="224d7320-8852-4a80-9b93-a653bfa73e5e",
         definition="Laws, policies or procedures that do not cover forms of OCSEA or that create obstacles for children seeking justice, as participants describe them.",
         include="Offences not defined in law; unclear age provisions; children treated as offenders for images of themselves; missing guidelines or protocols.",
         exclude="Laws that exist but are poorly applied because of a lack of staff or skills (Capacity of services).",
         example="The law says nothing about grooming, so we have to charge something else."),
  ]),

  code("Protective factors", hue=85, guid="218d02db-cae7-4f7c-ab3b-eca6d92b96a1",
       definition="Category for people, skills, knowledge and conditions that helped keep a child safe, made it easier to tell and seek help, or supported recovery.",
       include="Factors at the level of the child, family, peers, school and community, as participants describe them.",
       exclude="Formal services (Support services); the absence of a protective factor described as an obstacle (Barriers).",
       example="What helped most was that I had people around me who believed me.",
       children=[
    code("Supportive caregiver", guid="9168060b-6212-4504-8d96-9f83196ddf70",
         definition="A parent or caregiver who is emotionally available, talks with the child about their online life, and supports them through disclosure, reporting and recovery.",
         include="Open communication about the internet; trust between child and caregiver; caregivers who stay with the child through the case; positive supervision and guidance.",
         exclude="A single reaction at the moment of disclosure (Disclosure and help-seeking/Reactions to disclosure/Supportive reaction); control of devices without support (People and platforms/Devices and access).",
         example="My mum asks me about my games and who I talk to, and I know I can tell her anything."),
    code("Digital literacy", guid="a70312ef-be3f-45dd-98eb-1e5a68b46350",
         definition="Knowledge and skills that help children and caregivers stay safe online and respond when something goes wrong.",
         include="Privacy settings; recognising fake profiles and manipulation; blocking and reporting; keeping evidence such as screenshots; caregivers' own online skills.",
         exclude="Knowledge of rights and services (Awareness of rights and services); the lack of such skills (Barriers/Lack of knowledge).",
         example="I knew how to make my account private and block people I do not know."),
    code("Trusted adult outside the family", guid="23552f26-609f-436a-9950-c06c2a27bf0f",
         definition="A teacher, counsellor, youth worker, religious leader or other adult outside the household whom the child trusts and can turn to.",
         include="Accounts of such a relationship and how it helped, before or after the abuse.",
         exclude="The act of telling that adult (Disclosure and help-seeking/Disclosure to professionals).",
         example="My teacher always said we could come to her with any problem."),
    code("Peer support", guid="676bfc40-3010-4055-94db-ac4f763be27b",
         definition="Friends and other young people who give emotional support, advice or practical help.",
         include="Friends who stood by the child, advised them, went with them to get help, or defended them against gossip.",
         exclude="The act of telling a friend (Disclosure and help-seeking/Disclosure to peers).",
         example="My friends stayed with me when everyone at school was talking."),
    code("Awareness of rights and services", guid="443b87a6-063e-43be-9fdc-a9c113f0b963",
         definition="Knowledge among children, families or communities that online sexual abuse is a crime, that children have rights, and where to find help.",
         include="Awareness sessions, school programmes and campaigns, and what participants learned from them; knowing helpline numbers or where to report.",
         exclude="Technical online safety skills (Digital literacy); the lack of such knowledge (Barriers/Lack of knowledge).",
         example="We learned at school that there is a helpline number for children."),
  ]),

  code("Recommendations", hue=245, guid="868b093b-77fa-40c7-a0ce-790755e74a0d",
       definition="Suggestions from participants on what should change to prevent OCSEA or to improve the response to it, including what they wish had happened differently.",
       include="Recommendations to government, police, courts, social services, schools, communities, caregivers, children and online platforms. Co-code the topic the recommendation concerns, for example Reporting/Reporting to platforms.",
       exclude="Descriptions of current practice with no suggestion for change (code the topic only).",
       example="Every district should have police officers who understand phones and the internet."),

], sets=[
  CodeSet("Justice chapter", guid="24ade6e9-722d-4986-b002-74d10f1b7f90",
          description="Codes for the chapter on access to justice in a country report: formal reports to the police and responses to them, each stage of the justice process and its outcomes, compensation, legal aid, and the barriers most often raised in justice cases. Recommendations are not included: retrieve those co-coded with these codes.",
          members=[
            "Reporting/Reporting to police",
            "Reporting/Response to reports/Supportive response",
            "Reporting/Response to reports/Dismissive or blaming response",
            "Reporting/Response to reports/No follow-up",
            "Justice process/Investigation",
            "Justice process/Court experience",
            "Justice process/Child-friendly procedures",
            "Justice process/Delays and duration",
            "Justice process/Cross-border cases",
            "Justice process/Case outcome/Conviction and sentencing",
            "Justice process/Case outcome/Acquittal or dismissal",
            "Justice process/Case outcome/Case dropped or withdrawn",
            "Justice process/Case outcome/Out-of-court settlement",
            "Compensation and remedy",
            "Support services/Legal aid and accompaniment",
            "Barriers/Capacity of services",
            "Barriers/Digital evidence",
            "Barriers/Fear of retaliation",
            "Barriers/Lack of trust in authorities",
            "Barriers/Gaps in law and policy",
          ]),
], required_paths=[
  "Forms of OCSEA/Grooming",
  "Forms of OCSEA/Coercion and threats",
  "Forms of OCSEA/Non-consensual sharing of images",
  "Forms of OCSEA/Offline contact after online contact",
  "People and platforms/Offender known to the child",
  "People and platforms/Offender met online",
  "People and platforms/Social media and messaging apps",
  "People and platforms/Online games",
  "Disclosure and help-seeking/Disclosure to family",
  "Disclosure and help-seeking/Disclosure to peers",
  "Disclosure and help-seeking/Reasons for not telling",
  "Reporting/Reporting to police",
  "Reporting/Reporting to platforms",
  "Justice process/Investigation",
  "Justice process/Court experience",
  "Justice process/Child-friendly procedures",
  "Compensation and remedy",
  "Support services/Psychosocial support",
  "Support services/Shelter and case management",
  "Barriers/Shame and stigma",
  "Barriers/Lack of knowledge",
  "Barriers/Capacity of services",
  "Barriers/Digital evidence",
  "Protective factors/Supportive caregiver",
  "Protective factors/Digital literacy",
  "Recommendations",
])


# ================================================================================================
# 2. Interviews with justice and welfare professionals: codebooks/justice-welfare-professionals.qdc
# ================================================================================================

JUSTICE_WELFARE_PROFESSIONALS = Codebook("justice-welfare-professionals.qdc", codes=[

  code("Perceptions of OCSEA", hue=0, guid="c8733f2d-2c9a-4a85-95b1-40055b47471c",
       definition="How professionals understand OCSEA in their jurisdiction: what it is, how common it is, how it is changing and which children are affected.",
       include="Trends and typical cases; which children they see as at risk; views on girls and boys as victims; views on children's own role, including victim-blaming views.",
       exclude="Legal definitions and offences (Legal framework/Laws and policies in use).",
       example="Most of our cases now start on social media. Five years ago we hardly saw any."),

  code("Legal framework", hue=30, guid="cffe7aaf-f159-4ed4-82fb-085386ed55d9",
       definition="Category for the laws, policies and procedures that apply to OCSEA cases, their gaps, and how they are applied.",
       include="Criminal, child protection, cybercrime, evidence and procedural law; national policies, protocols and guidelines.",
       exclude="Resources to implement them (Capacity and resources).",
       example="On paper the law is good, but it was written before smartphones.",
       children=[
    code("Laws and policies in use", guid="d07c2cec-0993-4c1d-96b8-7cea996c04f4",
         definition="The laws, regulations, policies, protocols and guidelines that professionals use in OCSEA cases, and how well they know them.",
         include="Offences charged; child protection and cybercrime laws; standard operating procedures; national action plans.",
         exclude="Missing or inadequate provisions (Gaps in the law); how provisions are interpreted (Application in practice).",
         example="We use the child protection act together with the cybercrime law."),
    code("Gaps in the law", guid="26794e8a-2c21-4e8a-9502-0682dc1610eb",
         definition="Forms of OCSEA that the law does not cover, or provisions that are unclear, inconsistent or harmful to children.",
         include="No offence for grooming, sexual extortion or live-streaming; unclear definitions of child sexual abuse material; conflicts between the age of a child and the age of consent; provisions that can treat children as offenders for images of themselves; no duties for platforms on data retention or reporting.",
         exclude="Laws that exist but are not applied (Application in practice).",
         example="There is no offence for grooming, so unless he meets the child we cannot charge him."),
    code("Application in practice", guid="c4e29293-0d47-4c8d-8ede-7e7710de4ed9",
         definition="How laws are interpreted and applied in OCSEA cases by police, prosecutors and judges.",
         include="Charging decisions; interpretation by courts; sentencing practice; inconsistent practice between regions; use of outdated provisions.",
         exclude="Procedures that protect children in court (Child-friendly justice/Child-friendly procedures).",
         example="Some prosecutors still charge these cases under the old obscenity provisions."),
  ]),

  code("Investigation and evidence", hue=210, guid="823e8572-cdad-4e20-b11b-6408df7b4dbd",
       definition="Category for the investigation of OCSEA cases: capacity, digital evidence, cooperation with platforms and other countries, and identifying victims.",
       include="Accounts by police, prosecutors and others of how cases are investigated and evidence is obtained.",
       exclude="Staffing, equipment and training across agencies (Capacity and resources).",
       example="Online cases are different. The evidence is on servers, not at the scene.",
       children=[
    code("Investigation capacity", guid="fa5026b6-8a90-4d3b-a1ee-53104972d0f4",
         definition="The ability of police and prosecutors to investigate OCSEA cases: specialised units, their reach, investigative skills and procedures.",
         include="Specialised cybercrime or child protection units; who handles online cases; proactive and undercover investigation; typical handling of a case from report to charge.",
         exclude="Staff numbers, budget and equipment (Capacity and resources subcodes); training (Capacity and resources/Training received, Training needs).",
         example="Only the unit in the capital can handle online cases, so the provinces send everything there."),
    code("Digital evidence", guid="98283f0c-94de-499b-a324-7dfb91a04dd9",
         definition="Collecting, preserving, analysing and presenting digital evidence in OCSEA cases.",
         include="Seizing and examining devices; forensic tools and backlogs; chain of custody; screenshots brought by families; admissibility and how courts weigh digital evidence.",
         exclude="Obtaining data from companies (Platform cooperation).",
         example="We have one forensic laptop for the whole region, so phones wait months."),
    code("Platform cooperation", guid="c536889a-f814-465d-8445-a2a801fcd485",
         definition="Cooperation with online platforms, telecommunications companies and internet service providers.",
         include="Requests for data and preservation; takedown requests; reports and referrals received from platforms or from international reporting centres; response times; legal processes needed for foreign companies.",
         exclude="Cooperation with foreign authorities (International cooperation).",
         example="When we send a request to the company abroad, we often wait months or get no answer."),
    code("Victim identification", guid="accbcb5e-e0ac-47b4-b326-475a67333b47",
         definition="Identifying and locating children shown in abuse material or named in reports and referrals.",
         include="Referrals from abroad or from platforms; use of image databases; establishing a child's age and identity; finding children who have moved.",
         exclude="Identifying the offender (Investigation capacity).",
         example="We received a referral from abroad with images, but it took weeks to find out who the child was."),
    code("International cooperation", guid="32f9a541-7430-41e2-820c-369d13720555",
         definition="Cooperation with foreign law enforcement and justice authorities in OCSEA cases.",
         include="Mutual legal assistance; international police channels and liaison officers; joint operations; extradition; travelling offenders.",
         exclude="Cooperation with companies (Platform cooperation).",
         example="The request went through the ministry and the embassy, and a year later we are still waiting."),
  ]),

  code("Child-friendly justice", hue=245, guid="034ca742-eb2f-4f8e-8692-322e2a443e8c",
       definition="Category for how far the justice process is adapted to children, and how it can harm them.",
       include="Practice at the police, prosecution and court stages, as professionals describe it.",
       exclude="Services outside the justice process (Coordination and referral).",
       example="We try, but the courts are still built for adults.",
       children=[
    code("Child-friendly procedures", guid="772ff116-3aff-42cb-bcf7-63267f100e72",
         definition="Measures that adapt the justice process to children, whether in place, lacking or not used.",
         include="Child-friendly interview rooms; recorded or video-link testimony; screens; closed hearings; support persons; a single forensic interview; protecting the child's identity; age-appropriate communication; interpreters.",
         exclude="Harm caused by the process (Secondary victimisation).",
         example="We have a child-friendly room at the station, but the court still wants the child to testify in person."),
    code("Secondary victimisation", guid="43b30bb0-4cad-4d98-83e7-2e9419dceae5",
         definition="Ways in which the justice process itself harms child victims.",
         include="Repeated interviews; meeting the accused; blaming or intrusive questions; breaches of confidentiality; exposure in the media or community; long waits.",
         exclude="Measures intended to prevent such harm (Child-friendly procedures).",
         example="The child told her story five times to different officers before the case even reached court."),
    code("Case attrition and delays", guid="f8c180b8-3c9b-455f-b719-9195f181bb72",
         definition="Where and why OCSEA cases stall or drop out of the justice process.",
         include="Withdrawal by families; out-of-court settlements; insufficient evidence; offenders not identified; court backlogs and postponements.",
         exclude="Problems obtaining evidence described for their own sake (Investigation and evidence subcodes).",
         example="Many families settle with the offender's family, and then the complaint is withdrawn."),
  ]),

  code("Coordination and referral", hue=130, guid="558218f6-7745-4db3-b4dc-f2514efb52bf",
       definition="Category for how agencies work together and how children are referred and followed up.",
       include="Police, prosecutors, courts, social welfare, health, education, helplines and NGOs, and the links between them.",
       exclude="Cooperation with platforms or foreign authorities (Investigation and evidence).",
       example="Everyone does their part, but nobody sees the whole case.",
       children=[
    code("Inter-agency coordination", guid="50db195f-6f50-4195-a111-60c7dcf75edc",
         definition="Working relationships and mechanisms between agencies responding to OCSEA, and the gaps in them.",
         include="Protocols and memoranda of understanding; multidisciplinary teams; case conferences; working groups; information sharing and its limits; tensions between agencies.",
         exclude="Pathways for individual children (Referral pathways).",
         example="We have a working group, but it only meets when there is a big case."),
    code("Case management", guid="72395ab5-0f12-4eb5-97dd-e478004f5916",
         definition="How social workers and others assess, plan, follow up and close the cases of children affected by OCSEA.",
         include="Assessments; case plans; home visits; work with families; record keeping; closing a case.",
         exclude="Caseloads and staff numbers (Capacity and resources/Staffing and workload).",
         example="We try to visit the child every month until the case is closed."),
    code("Referral pathways", guid="20fedd3b-e40c-4e6d-87c6-32ce6aba005e",
         definition="How children and families are referred between services, on paper and in practice.",
         include="Referrals to psychosocial, medical, legal, shelter and education services; gaps and dead ends; services that do not exist in an area.",
         exclude="Agency-level mechanisms (Inter-agency coordination).",
         example="The police call us when a child comes in, but there is nowhere to refer the child for counselling."),
  ]),

  code("Capacity and resources", hue=48, guid="1f8e27bd-8d68-4a22-af83-670539520178",
       definition="Category for the training, staff, equipment, funds and support that professionals have or lack for OCSEA cases.",
       include="Resources of any agency: police, prosecution, courts, social welfare, health, helplines and NGOs.",
       exclude="Gaps in the law (Legal framework/Gaps in the law).",
       example="We are expected to handle online cases with the same resources as ten years ago.",
       children=[
    code("Training received", guid="bfa2be98-dd57-485f-bab2-eb9d64a47d70",
         definition="Training on OCSEA, child-friendly practice, digital evidence and related topics that professionals have received, who provided it and how useful it was.",
         include="Workshops, courses, on-the-job learning, and whether the training is used in practice.",
         exclude="Training professionals say they still need (Training needs).",
         example="I attended a two-day workshop on online abuse three years ago."),
    code("Training needs", guid="4de95b4f-9689-4ec1-8e46-8117f1fe4737",
         definition="Gaps in knowledge and skills that professionals identify for themselves or for other groups, and the training they would find useful.",
         include="Topics, target groups and preferred formats; refresher training; training for judges, prosecutors and frontline workers.",
         exclude="Training already received (Training received).",
         example="Our judges need to understand how these apps work."),
    code("Staffing and workload", guid="2936338e-acad-4997-8f85-8350c917b105",
         definition="Numbers of staff, caseloads and staff turnover as they affect the response to OCSEA.",
         include="Vacancies; caseloads; rotation and transfer of trained staff; reliance on volunteers.",
         exclude="Stress and wellbeing (Staff wellbeing).",
         example="Officers are transferred every two years, and the training goes with them."),
    code("Equipment and budget", guid="b8d65327-8e10-4fe9-a6a6-d2f2aa0c91bc",
         definition="Funds, equipment and infrastructure available for OCSEA cases.",
         include="Computers, forensic tools, internet access, vehicles and fuel; budget for victim support, transport and interpreters.",
         exclude="Forensic backlogs discussed as evidence problems (Investigation and evidence/Digital evidence).",
         example="We do not even have a budget for fuel to visit the families."),
    code("Staff wellbeing", guid="e2b6134a-634d-4473-864a-f76ba7249b97",
         definition="The emotional toll of OCSEA work on professionals and the support available to them.",
         include="Vicarious trauma; stress and burnout; exposure to abuse material at work; supervision, debriefing and counselling for staff.",
         exclude="Workload as such (Staffing and workload).",
         example="After looking at that material all day, nobody checks how we are doing."),
  ]),

  code("Compensation and remedy", hue=175, guid="238646e5-7e06-4d7d-b1fa-97a6e5487214",
       definition="Category for compensation and other remedies for child victims, as professionals describe them.",
       include="Legal provisions, practice and obstacles.",
       exclude="Informal settlements between families (Child-friendly justice/Case attrition and delays).",
       example="Compensation exists in the law, but I have rarely seen it work.",
       children=[
    code("Compensation orders", guid="0ec8e779-1f7a-4ce5-97c3-6cdf6710fe0c",
         definition="Whether and how courts order compensation or restitution to child victims, and other routes to compensation.",
         include="Knowledge of the provisions; who requests compensation; how amounts are set; civil claims; state victim compensation funds.",
         exclude="Whether ordered amounts are actually paid (Enforcement and payment).",
         example="In my years on the bench I have rarely seen compensation requested in these cases."),
    code("Enforcement and payment", guid="d74c8e9c-a597-4a56-b2ce-8c1b372fc4fa",
         definition="Whether compensation that was ordered is actually paid, and how orders are enforced.",
         include="Enforcement mechanisms; offenders unable or unwilling to pay; follow-up by prosecutors or social workers; state funds paying in the offender's place.",
         exclude="The decision to order compensation (Compensation orders).",
         example="The order is made, but nobody follows up to make sure the family is paid."),
  ]),

  code("Recommendations", hue=325, guid="223aa6fe-af2a-4d83-807e-4476fb7284be",
       definition="Professionals' suggestions for improving the prevention of and response to OCSEA.",
       include="Recommendations on law, investigation, platforms, courts, services, coordination, training and resources. Co-code the topic the recommendation concerns, for example Capacity and resources/Training needs.",
       exclude="Descriptions of current practice with no suggestion for change (code the topic only).",
       example="There should be one protocol that tells every agency what to do when an online case comes in."),
])

CODEBOOKS = [OCSEA_STUDY, JUSTICE_WELFARE_PROFESSIONALS]


# ================================================================================================
# Building and checking
# ================================================================================================

LABELS = ("Definition", "Include", "Exclude", "Example")
GUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
COLOR_RE = re.compile(r"^#[0-9A-F]{6}$")


def walk(codes, prefix=""):
    """Yields (path, depth, code) in document order."""
    for c in codes:
        path = f"{prefix}{c.name}"
        yield path, path.count("/") + 1, c
        yield from walk(c.children, path + "/")


def shade(hue: float, depth: int, index: int, siblings: int) -> str:
    """One hue per top-level category: the category is dark, its children are lighter shades
    spread evenly over a range (with a slight hue shift) so that siblings stay distinguishable."""
    spread = index / (siblings - 1) if siblings > 1 else 0.0
    if depth == 1:
        lightness, saturation, shift = 0.36, 0.70, 0
    elif depth == 2:
        lightness, saturation, shift = 0.42 + 0.26 * spread, 0.62, (-6, 6, 0)[index % 3]
    else:
        lightness, saturation, shift = 0.66 + 0.14 * spread, 0.55, (-6, 6, 0)[index % 3]
    r, g, b = colorsys.hls_to_rgb(((hue + shift) % 360) / 360.0, lightness, saturation)
    return "#{:02X}{:02X}{:02X}".format(round(r * 255), round(g * 255), round(b * 255))


def assign_colors(codes, hue=None, depth=1):
    for index, c in enumerate(codes):
        h = c.hue if c.hue is not None else hue
        if h is None:
            raise SystemExit(f"top-level code {c.name!r} needs hue= or color=")
        if c.color is None:
            c.color = shade(h, depth, index, len(codes))
        c.color = c.color.upper()
        assign_colors(c.children, h, depth + 1)


def check(book: Codebook, seen_guids: dict[str, str]) -> list[str]:
    errors = []
    paths = {}
    for path, _depth, c in walk(book.codes):
        where = f"{book.filename}: {path}"
        if not c.name or c.name != c.name.strip() or "/" in c.name:
            errors.append(f"{where}: a name must be non-empty, trimmed and without '/'")
        if path in paths:
            errors.append(f"{where}: two sibling codes have the same name")
        paths[path] = c
        if c.guid is None:
            errors.append(f"{where}: no GUID; run with --fill-guids (suggested: {uuid.uuid4()})")
        elif not GUID_RE.match(c.guid):
            errors.append(f"{where}: GUID {c.guid!r} is not a lowercase version 4 UUID")
        elif c.guid in seen_guids:
            errors.append(f"{where}: GUID {c.guid} is also used by {seen_guids[c.guid]}")
        else:
            seen_guids[c.guid] = where
        for label, text in zip(LABELS, (c.definition, c.include, c.exclude, c.example)):
            if not text or not text.strip():
                errors.append(f"{where}: {label} is empty")
            elif "\n" in text or "\r" in text:
                errors.append(f"{where}: {label} must be one paragraph (no line breaks)")
        if '"' in c.example:
            errors.append(f"{where}: write the example without double quotation marks")
        if c.color and not COLOR_RE.match(c.color):
            errors.append(f"{where}: colour {c.color!r} is not #RRGGBB")
    for required in book.required_paths:
        if required not in paths:
            errors.append(f"{book.filename}: required code path {required!r} is missing")
    for s in book.sets:
        if s.guid is None:
            errors.append(f"{book.filename}: set {s.name!r} has no GUID; run with --fill-guids")
        elif not GUID_RE.match(s.guid) or s.guid in seen_guids:
            errors.append(f"{book.filename}: set {s.name!r} has an invalid or duplicate GUID")
        else:
            seen_guids[s.guid] = f"{book.filename}: set {s.name}"
        for member in s.members:
            if member not in paths:
                errors.append(f"{book.filename}: set {s.name!r}: no code {member!r}")
            elif not paths[member].is_codable:
                errors.append(f"{book.filename}: set {s.name!r}: {member!r} is not codable")
        if len(set(s.members)) != len(s.members):
            errors.append(f"{book.filename}: set {s.name!r} lists a code twice")
    return errors


def render(book: Codebook) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<CodeBook xmlns="{NAMESPACE}" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{NAMESPACE} {SCHEMA_URL}" origin={quoteattr(ORIGIN)}>',
           '  <Codes>']

    def emit(c: Code, indent: str):
        attrs = (f'guid="{c.guid}" name={quoteattr(c.name)} '
                 f'isCodable="{"true" if c.is_codable else "false"}" color="{c.color}"')
        out.append(f'{indent}<Code {attrs}>')
        out.append(f'{indent}  <Description>{escape(c.description())}</Description>')
        for child in c.children:
            emit(child, indent + "  ")
        out.append(f'{indent}</Code>')

    for c in book.codes:
        emit(c, "    ")
    out.append('  </Codes>')
    if book.sets:
        by_path = {path: c for path, _d, c in walk(book.codes)}
        out.append('  <Sets>')
        for s in book.sets:
            out.append(f'    <Set guid="{s.guid}" name={quoteattr(s.name)}>')
            out.append(f'      <Description>{escape(s.description)}</Description>')
            for member in s.members:
                out.append(f'      <MemberCode guid="{by_path[member].guid}"/>')
            out.append('    </Set>')
        out.append('  </Sets>')
    out.append('</CodeBook>')
    text = "\n".join(out) + "\n"
    ET.fromstring(text.encode("utf-8"))  # must at least be well-formed
    return text


def fill_guids() -> int:
    """Replaces each `guid=None` in this file's data with a fresh version 4 UUID."""
    source_path = Path(__file__).resolve()
    source = source_path.read_text(encoding="utf-8")
    # Only the data between the first codebook and the CODEBOOKS list is touched.
    start = source.index("\n# 1. Main codebook")
    end = source.index("\nCODEBOOKS = [")
    head, data, tail = source[:start], source[start:end], source[end:]
    marker = "guid" + "=None"
    count = data.count(marker)
    while marker in data:
        data = data.replace(marker, f'guid="{uuid.uuid4()}"', 1)
    if count:
        source_path.write_text(head + data + tail, encoding="utf-8")
    print(f"filled {count} GUID(s) in {source_path.name}")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; fail if a .qdc differs from what would be written")
    parser.add_argument("--fill-guids", action="store_true",
                        help="replace each guid=None in this script with a fresh UUID, then build")
    parser.add_argument("--schema", type=Path,
                        help="also validate the outputs with xmllint against this Codebook.xsd")
    parser.add_argument("--out-dir", type=Path, default=HERE,
                        help="where to write the .qdc files (default: this script's folder)")
    args = parser.parse_args()

    if args.fill_guids:
        if fill_guids():
            # Re-run the edited script so that the new GUIDs are part of the data.
            argv = [a for a in sys.argv[1:] if a != "--fill-guids"]
            return subprocess.call([sys.executable, str(Path(__file__).resolve()), *argv])

    errors: list[str] = []
    seen_guids: dict[str, str] = {}
    for book in CODEBOOKS:
        assign_colors(book.codes)
        errors += check(book, seen_guids)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1

    status = 0
    for book in CODEBOOKS:
        target = args.out_dir / book.filename
        text = render(book)
        entries = list(walk(book.codes))
        codable = sum(1 for _p, _d, c in entries if c.is_codable)
        depth = max(d for _p, d, _c in entries)
        summary = (f"{book.filename}: {len(entries)} codes ({codable} codable, "
                   f"{len(entries) - codable} categories), {len(book.codes)} top-level, "
                   f"depth {depth}, {len(book.sets)} set(s)")
        if args.check:
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                print(f"{summary}: OUT OF DATE, run {Path(__file__).name}", file=sys.stderr)
                status = 1
            else:
                print(f"{summary}: up to date")
        else:
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"{summary}: written")
        if args.schema and target.exists():
            xmllint = shutil.which("xmllint")
            if not xmllint:
                print("xmllint not found (Debian: apt-get install libxml2-utils)", file=sys.stderr)
                return 1
            status |= subprocess.call([xmllint, "--noout", "--schema", str(args.schema),
                                       str(target)])
    return status


if __name__ == "__main__":
    sys.exit(main())
