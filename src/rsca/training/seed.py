"""Training reference data (the activities the programme documents name, a course, a question bank)
and demo data (fictional participants, attendance, tests, feedback and certificates).

Reference records hold only what the documents say: a date the documents do not give is left empty
(with its precision recorded), a news item's publication date is kept as `reported_on`, never as the
date of the event. Every question of the bank cites the provision its answer rests on.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rsca.core.audit import acting_as
from rsca.training.models import (
    Activity,
    ActivityTest,
    Attendance,
    Certificate,
    Course,
    CourseModule,
    Feedback,
    Participant,
    Question,
    Registration,
    TestAttempt,
)
from rsca.training.services import CERTIFICATE_ALPHABET, activity_link_organisations

SEED_002 = (
    "ILO news item “The ILO and the Ministry of Human Resources and Social Security (MOHRSS) join forces to "
    "strengthen the labour dimension of corporate social responsibility in China” (seed document 002)"
)
SEED_001 = "RSCA introduction letter, “Activities in China” (seed document 001)"
SEED_003 = "ILO China resources list (seed document 003)"

COURSES: list[dict[str, Any]] = [
    {
        "slug": "labour-dimension-of-csr",
        "title_en": "Labour standards, Chinese labour law and CSR",
        "title_zh": "劳工标准、中国劳动法与企业社会责任",
        "description_en": "The curriculum of the three-day ILO–MOHRSS seminar: international labour standards, the ILO "
        "MNE Declaration, Chinese labour laws and regulations and existing CSR guidelines, applied "
        "to responsible labour practices, gender equality at the workplace, occupational safety "
        "and health, working hours and wages.",
        "description_zh": "国际劳工组织与人力资源和社会保障部三天研讨会的课程：国际劳工标准、国际劳工组织《跨国企业宣言》、"
        "中国劳动法律法规和现行企业社会责任指南，并应用于负责任的劳动实践、工作场所性别平等、职业安全"
        "与健康、工作时间和工资。",
        "objectives_en": "Participants strengthen their knowledge of these instruments and are able to advocate and "
        "promote responsible labour practices in their supply chains in China.",
        "objectives_zh": "学员加深对上述文书的了解，能够在其在华供应链中倡导和推动负责任的劳动实践。",
        "topic_codes": ["gender", "osh", "working-time", "wages"],
        "source": SEED_002,
        "modules": [
            ("International labour standards", "国际劳工标准", []),
            (
                "The ILO Declaration on multinational enterprises (MNE Declaration)",
                "国际劳工组织《跨国企业宣言》",
                [],
            ),
            ("Chinese labour laws and regulations", "中国劳动法律法规", ["working-time", "wages", "osh"]),
            ("Existing CSR guidelines", "现行企业社会责任指南", ["due-diligence"]),
            (
                "Responsible labour practices: gender equality, occupational safety and health, working hours and wages",
                "负责任的劳动实践：性别平等、职业安全与健康、工作时间和工资",
                ["gender", "osh", "working-time", "wages"],
            ),
        ],
    },
]

ACTIVITIES: list[dict[str, Any]] = [
    {
        "slug": "mohrss-labour-standards-seminar",
        "kind": "seminar",
        "title_en": "ILO–MOHRSS seminar on labour standards, Chinese labour law and CSR",
        "title_zh": "国际劳工组织—人力资源和社会保障部劳工标准、中国劳动法与企业社会责任研讨会",
        "description_en": "A three-day seminar to strengthen and disseminate knowledge of international labour "
        "standards, the ILO MNE Declaration, Chinese labour laws and regulations and existing CSR "
        "guidelines. Participants were trained on responsible labour practices, gender equality at "
        "the workplace, occupational safety and health, working hours and wages, and are expected to "
        "advocate responsible labour practices in their supply chains in China. The first of a "
        "series on the labour dimension of CSR, supported by the European Union.",
        "description_zh": "为期三天的研讨会，旨在加强和传播关于国际劳工标准、国际劳工组织《跨国企业宣言》、中国劳动法律法规"
        "以及现行企业社会责任指南的知识。学员接受了负责任的劳动实践、工作场所性别平等、职业安全与健康、"
        "工作时间和工资等方面的培训，并将在其在华供应链中倡导负责任的劳动实践。这是关于企业社会责任"
        "劳动维度系列活动的第一场，由欧盟支持。",
        "course": "labour-dimension-of-csr",
        "topic_codes": ["gender", "osh", "working-time", "wages"],
        "date_precision": "unknown",
        "duration_days": 3,
        "organiser_refs": ["ILO", "MOHRSS"],
        "partner_refs": ["CALSS", "EU"],
        "source": SEED_002,
    },
    {
        "slug": "electronics-textile-training-2019-10",
        "kind": "training",
        "title_en": "Training on labour standards and CSR for the electronics and textile industries",
        "title_zh": "面向电子和纺织行业的劳工标准与企业社会责任培训",
        "description_en": "Extensive training with representatives of the electronics and textile industries on "
        "labour standards and CSR.",
        "description_zh": "与电子和纺织行业代表开展的关于劳工标准和企业社会责任的广泛培训。",
        "start_date": datetime.date(2019, 10, 1),
        "date_precision": "month",
        "sectors": ["26", "13"],
        "target_groups": ["enterprise"],
        "source": SEED_001,
    },
    {
        "slug": "industry-government-forums-2019-11",
        "kind": "forum",
        "title_en": "Industry and government forums on the business case for responsible business conduct",
        "title_zh": "关于负责任商业行为商业价值的行业和政府论坛",
        "description_en": "Industry and government forums held to educate industry leaders and promote the "
        "business case for CSR/RBC.",
        "description_zh": "举办行业和政府论坛，向行业领导者普及并推广企业社会责任/负责任商业行为的商业价值。",
        "start_date": datetime.date(2019, 11, 1),
        "date_precision": "month",
        "target_groups": ["enterprise", "government"],
        "source": SEED_001,
    },
    {
        "slug": "mohrss-mou-signing-2018",
        "kind": "signing",
        "title_en": "Signing of the MoU between the ILO and MOHRSS on the RSCA programme",
        "title_zh": "国际劳工组织与人力资源和社会保障部签署负责任供应链项目谅解备忘录",
        "description_en": "Memorandum of understanding with the Ministry of Human Resources and Social Security to "
        "promote the programme within China, recognising that decent work is an important impetus "
        "for sustainable development at the national level.",
        "description_zh": "与人力资源和社会保障部签署谅解备忘录，在中国推广本项目，并确认体面劳动是国家层面可持续发展的"
        "重要动力。",
        "start_date": datetime.date(2018, 5, 1),
        "date_precision": "month",
        "organiser_refs": ["ILO", "MOHRSS"],
        "source": SEED_001,
    },
    {
        "slug": "china-business-summit-sdgs",
        "kind": "forum",
        "title_en": "China Business Summit on Achieving the SDGs",
        "title_zh": "实现可持续发展目标中国企业峰会",
        "description_en": "The summit discussed how business can best contribute to sustainable development in China.",
        "description_zh": "峰会讨论了企业如何最好地为中国的可持续发展作出贡献。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2018, 12, 7),
        "source": SEED_003 + ": “Joint forces called upon to achieve SDGs in China”, 7 December 2018",
    },
    {
        "slug": "csr-electronics-textiles-technical-seminar",
        "kind": "seminar",
        "title_en": "Technical seminar on CSR in the electronics and textiles sectors",
        "title_zh": "电子和纺织行业企业社会责任技术研讨会",
        "description_en": "Delegates discussed the challenges and practices of CSR in the electronics and textiles "
        "sectors.",
        "description_zh": "与会代表讨论了电子和纺织行业企业社会责任面临的挑战和实践。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2019, 3, 5),
        "sectors": ["26", "13"],
        "source": SEED_003
        + ": “China to benefit from responsible business conduct in supply chains”, 5 March 2019",
    },
    {
        "slug": "future-of-work-academic-reflections",
        "kind": "other",
        "title_en": "Academic reflections on the Future of Work (start of the ILO centenary celebrations in China)",
        "title_zh": "关于“劳动世界的未来”的学术研讨（国际劳工组织百年纪念活动在华启动）",
        "description_en": "Academic reflections on the Future of Work that opened the ILO centenary celebrations in "
        "China.",
        "description_zh": "以“劳动世界的未来”为主题的学术讨论，拉开了国际劳工组织百年纪念活动在华的序幕。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2018, 12, 5),
        "target_groups": ["academia"],
        "source": SEED_003
        + ": “Academic reflections on the Future of Work kicks off the ILO centenary celebrations "
        "in China”, 5 December 2018",
    },
    {
        "slug": "china-disability-policy-dialogue",
        "kind": "policy_dialogue",
        "title_en": "China Disability Policy Dialogue",
        "title_zh": "中国残疾人政策对话",
        "description_en": "A policy dialogue in Beijing on empowering persons with disabilities and ensuring "
        "inclusiveness and equality.",
        "description_zh": "在北京举行的政策对话，主题为增强残疾人权能、确保包容与平等。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2018, 12, 3),
        "place": "110000",
        "source": SEED_003
        + ": “Empowering persons with disabilities and ensuring inclusiveness and equality – China "
        "Disability Policy Dialogue held in Beijing”, 3 December 2018",
    },
    {
        "slug": "gbdn-china-chapter-service-launch",
        "kind": "other",
        "title_en": "Launch of the China Chapter of the Global Business and Disability Network's service matching "
        "employers and jobseekers with disabilities",
        "title_zh": "全球企业与残疾网络中国分会推出残疾求职者与雇主对接服务",
        "description_en": "The China Chapter of the Global Business and Disability Network launched a new service to "
        "match employers and jobseekers with disabilities.",
        "description_zh": "全球企业与残疾网络中国分会推出一项新服务，为雇主和残疾求职者牵线搭桥。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2018, 12, 3),
        "source": SEED_003
        + ": “China Chapter of the Global Business and Disability Network launched a new service "
        "to match employers and jobseekers with disabilities”, 3 December 2018",
    },
    {
        "slug": "mohrss-south-south-cooperation",
        "kind": "other",
        "title_en": "ILO–MOHRSS partnership on South-South cooperation",
        "title_zh": "国际劳工组织与人力资源和社会保障部南南合作伙伴关系",
        "description_en": "The ILO and MOHRSS joined forces to promote full employment and decent work in three "
        "Asian countries.",
        "description_zh": "国际劳工组织与人力资源和社会保障部携手，在三个亚洲国家促进充分就业和体面劳动。",
        "date_precision": "unknown",
        "reported_on": datetime.date(2018, 11, 6),
        "organiser_refs": ["ILO", "MOHRSS"],
        "source": SEED_003
        + ": “China partners with the ILO to advance South-South cooperation”, 6 November 2018",
    },
    {
        "slug": "cec-score-mou-signing",
        "kind": "signing",
        "title_en": "Signing of the ILO–CEC memorandum of understanding on the SCORE project",
        "title_zh": "国际劳工组织与中国企业联合会签署SCORE项目谅解备忘录",
        "description_en": "The Consulting and Training Centre of the China Enterprise Confederation and the ILO "
        "signed a memorandum of understanding on the joint implementation of the Sustaining "
        "Competitive and Responsible Enterprises (SCORE) project over 2018 to 2020.",
        "description_zh": "中国企业联合会咨询培训中心与国际劳工组织签署谅解备忘录，确定在2018年至2020年间合作实施"
        "“可持续竞争力和负责任企业”（SCORE）项目。",
        "start_date": datetime.date(2018, 10, 22),
        "end_date": datetime.date(2018, 10, 22),
        "date_precision": "day",
        "organiser_refs": ["ILO", "CEC"],
        "source": SEED_003
        + ": “The ILO sign with the China Enterprise Confederation for implementing SCORE project”, "
        "22 October 2018",
    },
    {
        "slug": "labour-inspectors-csr-rbc-awareness",
        "kind": "training",
        "title_en": "Raising labour inspectors' awareness of CSR/RBC guidance",
        "title_zh": "提高劳动保障监察员对企业社会责任/负责任商业行为指南的认识",
        "description_en": "Face-to-face activity with MOHRSS to raise labour inspectors' awareness of CSR/RBC guidance, "
        "resumed after the COVID-19 pandemic.",
        "description_zh": "新冠疫情后恢复的线下活动：与人力资源和社会保障部合作，提高劳动保障监察员对企业社会责任/负责任"
        "商业行为指南的认识。",
        "date_precision": "unknown",
        "mode": "in_person",
        "organiser_refs": ["ILO", "MOHRSS"],
        "target_groups": ["government"],
        "source": SEED_001,
    },
    {
        "slug": "electronics-supply-chain-labour-practice-training",
        "kind": "training",
        "title_en": "Responsible labour practice training for enterprises in electronics supply chains",
        "title_zh": "面向电子供应链企业的负责任劳动实践培训",
        "description_en": "Face-to-face training, delivered with MOHRSS, on responsible labour practices for "
        "enterprises in electronics supply chains.",
        "description_zh": "与人力资源和社会保障部合作开展的线下培训，面向电子供应链企业，主题为负责任的劳动实践。",
        "date_precision": "unknown",
        "mode": "in_person",
        "sectors": ["26"],
        "organiser_refs": ["ILO", "MOHRSS"],
        "target_groups": ["enterprise"],
        "source": SEED_001,
    },
]

# (topic, question en, question zh, [(option en, option zh), …], correct index, provision)
QUESTIONS: list[tuple[str, str, str, list[tuple[str, str]], int, str]] = [
    (
        "working-time",
        "Under China's Labour Law, how many hours of overtime may an employer arrange in a month at most?",
        "根据中国《劳动法》，用人单位每月安排的加班时间最多不得超过多少小时？",
        [("24 hours", "24小时"), ("36 hours", "36小时"), ("48 hours", "48小时"), ("60 hours", "60小时")],
        1,
        "Labour Law of the PRC (1994), art. 41",
    ),
    (
        "working-time",
        "How many days off must an employer guarantee workers each week under China's Labour Law?",
        "根据中国《劳动法》，用人单位应当保证劳动者每周至少休息几日？",
        [
            ("At least one day", "至少一日"),
            ("At least two days", "至少两日"),
            ("None is required", "没有要求"),
        ],
        0,
        "Labour Law of the PRC (1994), art. 38",
    ),
    (
        "wages",
        "What is the minimum pay for overtime on a normal working day under China's Labour Law?",
        "根据中国《劳动法》，工作日延长工作时间的工资报酬最低为多少？",
        [
            ("100 % of the normal wage", "正常工资的100%"),
            ("150 % of the normal wage", "正常工资的150%"),
            ("200 % of the normal wage", "正常工资的200%"),
            ("300 % of the normal wage", "正常工资的300%"),
        ],
        1,
        "Labour Law of the PRC (1994), art. 44",
    ),
    (
        "wages",
        "What is the minimum pay for work on a statutory public holiday under China's Labour Law?",
        "根据中国《劳动法》，法定休假日安排劳动者工作的，工资报酬最低为多少？",
        [
            ("150 % of the normal wage", "正常工资的150%"),
            ("200 % of the normal wage", "正常工资的200%"),
            ("300 % of the normal wage", "正常工资的300%"),
        ],
        2,
        "Labour Law of the PRC (1994), art. 44",
    ),
    (
        "child-labour",
        "Below what age may an employer in China not recruit a person?",
        "在中国，用人单位不得招用未满多少周岁的未成年人？",
        [("14", "14周岁"), ("15", "15周岁"), ("16", "16周岁"), ("18", "18周岁")],
        2,
        "Labour Law of the PRC (1994), art. 15",
    ),
    (
        "contracts",
        "Within what period after a worker starts must the employer conclude a written labour contract?",
        "用人单位应当自用工之日起多长时间内与劳动者订立书面劳动合同？",
        [("One week", "一周"), ("One month", "一个月"), ("Three months", "三个月"), ("Six months", "六个月")],
        1,
        "Labour Contract Law of the PRC (2007), art. 10",
    ),
    (
        "forced-labour",
        "Which two ILO forced labour conventions did China ratify in 2022?",
        "中国于2022年批准了哪两项国际劳工组织强迫劳动公约？",
        [
            ("C29 and C105", "第29号和第105号公约"),
            ("C87 and C98", "第87号和第98号公约"),
            ("C138 and C182", "第138号和第182号公约"),
        ],
        0,
        "ILO NORMLEX, ratifications by China: C29 and C105, instruments deposited 12 August 2022",
    ),
    (
        "due-diligence",
        "How many steps does the OECD Due Diligence Guidance for Responsible Business Conduct set out?",
        "《经合组织负责任商业行为尽责管理指南》提出了几个步骤？",
        [("Four", "四个"), ("Six", "六个"), ("Eight", "八个")],
        1,
        "OECD Due Diligence Guidance for Responsible Business Conduct (2018), section II",
    ),
]


def _seed_courses() -> int:
    for spec in COURSES:
        spec = dict(spec)
        modules = spec.pop("modules")
        course, _created = Course.objects.update_or_create(slug=spec.pop("slug"), defaults=spec)
        for order, (title_en, title_zh, topics) in enumerate(modules, start=1):
            CourseModule.objects.update_or_create(
                course=course,
                order=order,
                defaults={"title_en": title_en, "title_zh": title_zh, "topic_codes": topics},
            )
        course.modules.filter(order__gt=len(modules)).delete()
    return len(COURSES)


def _seed_activity(spec: dict[str, Any], *, published: bool = True) -> Activity:
    spec = dict(spec)
    sectors = spec.pop("sectors", [])
    course_slug = spec.pop("course", None)
    place = spec.pop("place", None)
    defaults = {
        "course": Course.objects.get(slug=course_slug) if course_slug else None,
        "place_id": place,
        "is_published": published,
        "start_date": None,
        "end_date": None,
        "reported_on": None,
        "organiser_refs": [],
        "partner_refs": [],
        "target_groups": [],
        "topic_codes": [],
        **spec,
    }
    defaults.pop("slug")
    activity, _created = Activity.objects.update_or_create(slug=spec["slug"], defaults=defaults)
    activity.sectors.set(sectors)
    activity_link_organisations(activity=activity)
    return activity


def _seed_questions() -> int:
    for topic, text_en, text_zh, options, correct, source in QUESTIONS:
        Question.objects.update_or_create(
            owner=None,
            topic_code=topic,
            text_en=text_en,
            defaults={
                "text_zh": text_zh,
                "options": [{"en": en, "zh": zh} for en, zh in options],
                "correct_index": correct,
                "source": source,
            },
        )
    return len(QUESTIONS)


@transaction.atomic
def seed_reference(out: Any) -> None:
    out.write(f"  training courses: {_seed_courses()}")
    for spec in ACTIVITIES:
        _seed_activity(spec)
    out.write(f"  training and outreach activities from the programme documents: {len(ACTIVITIES)}")
    out.write(f"  knowledge-test questions: {_seed_questions()}")


# ---------------------------------------------------------------------------------------------- demo

DEMO_FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"]
DEMO_GIVEN = ["Fang", "Jing", "Min", "Lei", "Tao", "Yan", "Hui", "Jun", "Ling", "Qiang", "Xia", "Wei"]
DEMO_ORGS = [  # (organisation, constituent type, sector, province)
    ("Suzhou Demo Textile Co., Ltd.", "enterprise", "13", "320000"),
    ("Dongguan Demo Electronics Factory", "enterprise", "26", "440000"),
    ("Shenzhen Huayang Precision Electronics Co., Ltd.", "enterprise", "26", "440000"),
    ("Jiangsu Provincial Labour Inspection Bureau (demo)", "government", None, "320000"),
    ("Guangdong Enterprise Confederation (demo)", "employers_organisation", None, "440000"),
    ("Shenzhen Federation of Trade Unions (demo)", "workers_organisation", None, "440000"),
    ("Demo University School of Labour Relations", "academia", None, "110000"),
    ("Demo CSR Network", "civil_society", None, "310000"),
]


def _demo_people(count: int) -> list[Participant]:
    people = []
    for n in range(count):
        organisation, constituent, sector, province = DEMO_ORGS[n % len(DEMO_ORGS)]
        name = f"{DEMO_FAMILY[n % len(DEMO_FAMILY)]} {DEMO_GIVEN[(n * 5) % len(DEMO_GIVEN)]}"
        email = f"demo.participant{n + 1:02d}@example.org"
        person, _created = Participant.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "sex": ("female", "male", "female", "male", "female", "undisclosed")[n % 6],
                "organisation_name": organisation,
                "constituent_type": constituent,
                "sector_id": sector,
                "province_id": province,
                "role": ("HR manager", "Inspector", "CSR officer", "Trainer")[n % 4],
            },
        )
        people.append(person)
    return people


def _demo_token(activity: Activity, person: Participant) -> str:
    return hashlib.sha256(f"demo-{activity.slug}-{person.email}".encode()).hexdigest()[:43]


def _demo_code(activity: Activity, person: Participant) -> str:
    digest = hashlib.sha256(f"cert-{activity.slug}-{person.email}".encode()).digest()
    return "".join(CERTIFICATE_ALPHABET[b % len(CERTIFICATE_ALPHABET)] for b in digest[:10])


@transaction.atomic
def seed_demo(out: Any) -> None:
    user_model = get_user_model()
    officer = user_model.objects.filter(username="officer").first()
    with acting_as(officer):
        _seed_demo(out)


def _seed_demo(out: Any) -> None:
    today = timezone.localdate()
    questions = list(
        Question.objects.filter(
            owner=None, topic_code__in=["working-time", "wages", "child-labour", "contracts"]
        ).order_by("id")
    )
    past = _seed_activity(
        {
            "slug": "demo-working-time-wages-training",
            "kind": "training",
            "title_en": "Demo: working time and wages in electronics and textile supply chains",
            "title_zh": "演示：电子和纺织供应链中的工作时间与工资",
            "description_en": "Fictional training used to demonstrate attendance, knowledge tests, feedback and "
            "certificates.",
            "description_zh": "用于演示考勤、知识测试、反馈和证书的虚构培训。",
            "course": "labour-dimension-of-csr",
            "topic_codes": ["working-time", "wages"],
            "start_date": datetime.date(2025, 9, 16),
            "end_date": datetime.date(2025, 9, 18),
            "date_precision": "day",
            "place": "320500",
            "venue_en": "Demo training centre",
            "venue_zh": "演示培训中心",
            "mode": "in_person",
            "language": "zh",
            "sectors": ["26", "13"],
            "target_groups": ["enterprise", "government", "workers_organisation"],
            "budget_line": "DEMO-2.1",
            "capacity": 30,
            "organiser_refs": ["ILO"],
        }
    )
    upcoming = _seed_activity(
        {
            "slug": "demo-osh-workshop",
            "kind": "workshop",
            "title_en": "Demo: occupational safety and health workshop for electronics suppliers",
            "title_zh": "演示：面向电子供应商的职业安全与健康研讨会",
            "description_en": "Fictional upcoming workshop with online registration (capacity 3, then a waiting list).",
            "description_zh": "虚构的即将举行的研讨会，可在线报名（名额3人，额满后进入候补名单）。",
            "topic_codes": ["osh"],
            "start_date": today + datetime.timedelta(days=30),
            "end_date": today + datetime.timedelta(days=31),
            "date_precision": "day",
            "place": "440300",
            "venue_en": "Demo venue, Shenzhen",
            "venue_zh": "深圳演示会场",
            "mode": "mixed",
            "language": "en_zh",
            "sectors": ["26"],
            "target_groups": ["enterprise"],
            "capacity": 3,
            "registration_open": True,
        }
    )
    test, _created = ActivityTest.objects.get_or_create(activity=past)
    test.questions.set(questions)
    people = _demo_people(24)
    supplier = get_user_model().objects.filter(username="supplier").first()
    if supplier is not None:
        own, _created = Participant.objects.update_or_create(
            email="supplier@example.org",
            defaults={
                "full_name": "Zhou Min (demo supplier HR manager)",
                "sex": "female",
                "organisation_name": "Shenzhen Huayang Precision Electronics Co., Ltd.",
                "constituent_type": "enterprise",
                "sector_id": "26",
                "province_id": "440000",
                "role": "HR manager",
                "user": supplier,
            },
        )
        people.append(own)
    for n, person in enumerate(people):
        registration, _created = Registration.objects.update_or_create(
            activity=past,
            participant=person,
            defaults={
                "status": "confirmed",
                "source": "import",
                "attended": n % 8 != 7,
                "token": _demo_token(past, person),
            },
        )
        for d, day in enumerate(past.days):
            present = n % 8 != 7 and not (d == 2 and n % 5 == 0)
            Attendance.objects.update_or_create(
                registration=registration, day=day, defaults={"present": present}
            )
        if not registration.attended:
            continue
        pre_correct = n % 3 + 1
        post_correct = min(len(questions), pre_correct + 1 + n % 2)
        for phase, correct in (("pre", pre_correct), ("post", post_correct)):
            answers = {
                str(q.pk): (q.correct_index if i < correct else (q.correct_index + 1) % len(q.options))
                for i, q in enumerate(questions)
            }
            TestAttempt.objects.update_or_create(
                registration=registration,
                phase=phase,
                defaults={
                    "answers": answers,
                    "correct": correct,
                    "total": len(questions),
                    "score": round(100 * correct / len(questions), 2),
                },
            )
        Feedback.objects.update_or_create(
            registration=registration,
            defaults={
                "overall": 3 + n % 3,
                "relevance": 4 + n % 2,
                "facilitation": 3 + (n + 1) % 3,
                "comments": "Useful examples on overtime calculation." if n % 4 == 0 else "",
            },
        )
        Certificate.objects.update_or_create(
            registration=registration,
            defaults={"code": _demo_code(past, person), "holder_name": person.full_name},
        )
    out.write(
        f"  demo training: {len(people)} participants with attendance, tests, feedback, certificates; "
        f"upcoming workshop “{upcoming.slug}” open for registration"
    )
