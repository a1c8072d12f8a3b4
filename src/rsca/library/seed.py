"""The programme's library: its own publications (the two CALSS sector research reports, the China brochure, the
“Key Messages from International Instruments” brochure, the training materials), the ILO's news on the
programme in China, and the China resources of the ILO Country Office that concern the programme's themes.

Every item carries its real citation (publisher, title, date as precise as the document gives it, link where the
document is published online). Items of the ILO China resources list that are news without a document of their
own (birthday wishes, unrelated events) are not kept; earlier seeds' copies of them are removed. Chinese text is
the platform's translation. Idempotent.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from rsca.core.models import Country, Sector
from rsca.library.models import Resource, Topic
from rsca.library.services import resource_index, resource_search_text

ILO = ("International Labour Organization", "国际劳工组织")
ILO_CO = ("ILO Country Office for China and Mongolia", "国际劳工组织中国和蒙古局")
CALSS = (
    "Chinese Academy of Labour and Social Security (with the support of MOHRSS)",
    "中国劳动和社会保障科学研究院（人力资源和社会保障部支持）",
)
RSCA = (
    "Responsible Supply Chains in Asia programme (EU, ILO, OECD)",
    "亚洲负责任供应链项目（欧盟、国际劳工组织、经合组织）",
)
PRESS = "https://www.ilo.org/beijing/information-resources/public-information/press-releases"
LETTER = (
    "Cited in: ILO RSCA China, “Introducing the Responsible Supply Chains in Asia programme”, letter to "
    "partners, 2020, https://www.ilo.org/rsca"
)
RESOURCES_LIST = (
    "Listed in: ILO Country Office for China and Mongolia, “China resources”, https://www.ilo.org/beijing"
)
TRAINING_NEWS = (
    "Cited in: ILO, “CSR and Labour Standards training returns to China”, 29 August 2020, "
    "https://www.ilo.org/beijing/information-resources/public-information/features/WCMS_755231/"
    "lang--en/index.htm"
)

# Slugs seeded by earlier versions for news items without a document of their own: removed.
RETIRED = [
    "2019-04-happy-birthday-ilo",
    "2018-12-joint-forces-to-achieve-sdgs-in-china",
    "2018-12-academic-reflections-future-of-work",
    "2018-12-gbdn-china-chapter-new-service",
    "2018-12-china-disability-policy-dialogue",
    "2018-11-china-ilo-south-south-cooperation",
    "2018-10-ilo-cec-score-mou",
]

TOPICS: list[tuple[str, str, str]] = [
    ("csr-rbc", "CSR and responsible business conduct", "企业社会责任与负责任商业行为"),
    ("labour-standards", "International labour standards", "国际劳工标准"),
    ("sme-productivity", "SME productivity and working conditions", "中小企业生产率与工作条件"),
    ("sdgs", "Sustainable Development Goals", "可持续发展目标"),
    ("ilo-in-china", "The ILO in China", "国际劳工组织在中国"),
    ("working-time-wages", "Working time and wages", "工作时间与工资"),
    ("child-forced-labour", "Child labour and forced labour", "童工与强迫劳动"),
    ("labour-inspection", "Labour inspection", "劳动监察"),
    ("supply-chains", "Supply chains and due diligence", "供应链与尽职调查"),
]

RESOURCES: list[dict[str, Any]] = [
    # The programme's own publications.
    {
        "slug": "calss-research-garment-sector",
        "kind": "research",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": CALSS,
        "source": LETTER,
        "url": "",
        "title_en": "Socially responsible labour practices in the garment sector in China (research report)",
        "title_zh": "中国服装行业社会责任劳动实践研究报告",
        "summary_en": "One of the programme's two sector research reports, conducted by the Chinese Academy of Labour "
        "and Social Security with the support of the Ministry of Human Resources and Social Security: "
        "policies, practices and institutions of socially responsible labour practice in the garment "
        "sector, including working time, wages, child labour and forced labour risks in supply chains.",
        "summary_zh": "本项目两份行业研究报告之一，由中国劳动和社会保障科学研究院在人力资源和社会保障部支持下完成：梳理服装行业"
        "社会责任劳动实践的政策、实践和机构，包括供应链中的工作时间、工资、童工和强迫劳动风险。",
        "topics": ["csr-rbc", "supply-chains", "working-time-wages"],
        "countries": ["CN"],
        "sectors": ["13", "14"],
    },
    {
        "slug": "calss-research-electronics-sector",
        "kind": "research",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": CALSS,
        "source": LETTER,
        "url": "",
        "title_en": "Socially responsible labour practices in the electronics sector in China (research report)",
        "title_zh": "中国电子行业社会责任劳动实践研究报告",
        "summary_en": "One of the programme's two sector research reports, conducted by the Chinese Academy of Labour "
        "and Social Security with the support of the Ministry of Human Resources and Social Security: "
        "policies, practices and institutions of socially responsible labour practice in the electronics "
        "sector, including working time and overtime, wages and the use of student workers.",
        "summary_zh": "本项目两份行业研究报告之一，由中国劳动和社会保障科学研究院在人力资源和社会保障部支持下完成：梳理电子行业"
        "社会责任劳动实践的政策、实践和机构，包括工作时间与加班、工资以及学生工的使用。",
        "topics": ["csr-rbc", "supply-chains", "working-time-wages"],
        "countries": ["CN"],
        "sectors": ["26", "27"],
    },
    {
        "slug": "ilo-oecd-china-brochure",
        "kind": "brochure",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": RSCA,
        "source": LETTER,
        "url": "https://www.ilo.org/beijing/information-resources/public-information/factsheets/WCMS_729019/"
        "lang--en/index.htm",
        "title_en": "ILO-OECD China Brochure: Responsible Supply Chains in Asia",
        "title_zh": "国际劳工组织—经合组织中国宣传册：亚洲负责任供应链",
        "summary_en": "The programme's country brochure: in China it focuses on the electronics and textile industries, "
        "large employers with extensive supply chain links with Europe and Asia, and aims to improve the "
        "well-being of the people working in them.",
        "summary_zh": "本项目的国别宣传册：在中国，项目聚焦电子和纺织行业——这两个行业是重要的用工大户，与欧洲和亚洲有广泛的供应链"
        "联系——致力于改善其从业人员的福祉。",
        "topics": ["csr-rbc", "supply-chains"],
        "countries": ["CN"],
        "sectors": ["13", "14", "26"],
    },
    {
        "slug": "key-messages-international-instruments",
        "kind": "brochure",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": RSCA,
        "source": LETTER,
        "url": "",
        "title_en": "Responsible Business: Key Messages from International Instruments",
        "title_zh": "负责任商业：国际文书的主要信息",
        "summary_en": "A summary of the instruments the programme promotes: the ILO MNE Declaration, the OECD Guidelines "
        "for Multinational Enterprises and the UN Guiding Principles on Business and Human Rights, and what "
        "they expect of enterprises on human rights, labour rights (child labour, forced labour, working "
        "time, wages), the environment and due diligence in supply chains.",
        "summary_zh": "本项目所推广国际文书的摘要：国际劳工组织《跨国企业宣言》、经合组织《跨国企业准则》和联合国《工商企业与人权"
        "指导原则》，以及它们在人权、劳工权利（童工、强迫劳动、工作时间、工资）、环境和供应链尽职调查方面对企业的期望。",
        "topics": ["csr-rbc", "labour-standards", "child-forced-labour", "supply-chains"],
        "countries": ["CN"],
    },
    {
        "slug": "labour-standards-gsc-trainer-guide",
        "kind": "publication",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": RSCA,
        "source": TRAINING_NEWS,
        "url": "",
        "title_en": "Labour Standards in Global Supply Chains: Trainer Guide",
        "title_zh": "全球供应链中的劳动标准：培训师指南",
        "summary_en": "Training material developed by the programme for responsible labour practice training of "
        "enterprises in electronics supply chains and of labour inspectors.",
        "summary_zh": "本项目为电子供应链企业和劳动监察员的负责任劳动实践培训编写的培训材料。",
        "topics": ["labour-standards", "labour-inspection", "supply-chains"],
        "countries": ["CN"],
        "sectors": ["26"],
    },
    {
        "slug": "labour-standards-gsc-participant-manual",
        "kind": "publication",
        "date": (2020, 1, 1),
        "precision": "year",
        "publisher": RSCA,
        "source": TRAINING_NEWS,
        "url": "",
        "title_en": "Labour Standards in Global Supply Chains: Participant Manual",
        "title_zh": "全球供应链中的劳动标准：学员手册",
        "summary_en": "The participants' manual of the programme's responsible labour practice training.",
        "summary_zh": "本项目负责任劳动实践培训的学员手册。",
        "topics": ["labour-standards", "supply-chains"],
        "countries": ["CN"],
        "sectors": ["26"],
    },
    # The ILO's news on the programme in China, each with its own page.
    {
        "slug": "2020-12-decent-work-sustainable-social-development",
        "kind": "news",
        "date": (2020, 12, 1),
        "publisher": ILO_CO,
        "source": "",
        "url": f"{PRESS}/WCMS_764697/lang--en/index.htm",
        "title_en": "Decent work for sustainable social development in China",
        "title_zh": "体面劳动促进中国社会可持续发展",
        "summary_en": "In an online seminar by the programme and CALSS, students of the Capital University of Economics "
        "and Business are trained on decent work, international labour standards and responsible business "
        "conduct.",
        "summary_zh": "在本项目与中国劳动和社会保障科学研究院举办的线上研讨会上，首都经济贸易大学学生接受了关于体面劳动、国际劳工"
        "标准和负责任商业行为的培训。",
        "topics": ["csr-rbc", "labour-standards"],
        "countries": ["CN"],
    },
    {
        "slug": "2020-08-csr-labour-standards-training-returns",
        "kind": "news",
        "date": (2020, 8, 29),
        "publisher": ILO_CO,
        "source": "",
        "url": "https://www.ilo.org/beijing/information-resources/public-information/features/WCMS_755231/"
        "lang--en/index.htm",
        "title_en": "CSR and Labour Standards training returns to China",
        "title_zh": "企业社会责任与劳动标准培训在中国恢复举办",
        "summary_en": "In Shenzhen the programme and MOHRSS train labour inspectors on CSR/RBC guidance and enterprises in "
        "electronics supply chains on responsible labour practice.",
        "summary_zh": "本项目与人力资源和社会保障部在深圳为劳动监察员开展企业社会责任/负责任商业行为指南培训，并为电子供应链企业"
        "开展负责任劳动实践培训。",
        "topics": ["labour-inspection", "labour-standards", "csr-rbc"],
        "countries": ["CN"],
        "sectors": ["26"],
    },
    {
        "slug": "2019-11-enhancing-responsible-business-practices",
        "kind": "news",
        "date": (2019, 11, 14),
        "publisher": ILO_CO,
        "source": "",
        "url": f"{PRESS}/WCMS_731350/lang--en/index.htm",
        "title_en": "Enhancing responsible business practices in key Chinese industries",
        "title_zh": "在中国重点行业加强负责任商业实践",
        "summary_en": "A Forum on Responsible Labour Practices co-organized by the ILO and MOHRSS in Chengdu discusses "
        "the electronics and textile supply chains, small enterprises and harassment at work.",
        "summary_zh": "国际劳工组织与人力资源和社会保障部在成都联合举办负责任劳动实践论坛，探讨电子和纺织供应链、小微企业以及工作"
        "场所骚扰问题。",
        "topics": ["csr-rbc", "supply-chains"],
        "countries": ["CN"],
        "sectors": ["13", "14", "26"],
    },
    {
        "slug": "2019-03-china-to-benefit-from-rbc-in-supply-chains",
        "kind": "news",
        "date": (2019, 3, 5),
        "publisher": ILO_CO,
        "source": RESOURCES_LIST,
        "url": f"{PRESS}/WCMS_676557/lang--en/index.htm",
        "title_en": "China to benefit from responsible business conduct in supply chains",
        "title_zh": "中国将从供应链中的负责任商业行为中受益",
        "summary_en": "Delegates to a technical seminar on CSR in the electronics and textiles sectors discuss challenges "
        "and practices.",
        "summary_zh": "电子和纺织行业企业社会责任技术研讨会的代表们探讨了面临的挑战和相关实践。",
        "topics": ["csr-rbc", "labour-standards"],
        "countries": ["CN"],
        "sectors": ["13", "14", "26"],
    },
    {
        "slug": "2018-09-steps-to-promote-decent-work-in-supply-chains",
        "kind": "news",
        "date": (2018, 9, 20),
        "publisher": ILO_CO,
        "source": "",
        "url": f"{PRESS}/WCMS_645325/lang--en/index.htm",
        "title_en": "Taking steps to promote decent work in global supply chains",
        "title_zh": "采取措施促进全球供应链中的体面劳动",
        "summary_en": "MOHRSS and the ILO hold a stakeholders' meeting in Beijing on public and private initiatives for "
        "responsible business conduct.",
        "summary_zh": "人力资源和社会保障部与国际劳工组织在北京召开利益相关方会议，讨论促进负责任商业行为的公共和私营举措。",
        "topics": ["csr-rbc", "supply-chains"],
        "countries": ["CN"],
    },
    {
        "slug": "2018-05-mou-decent-work-global-supply-chains",
        "kind": "news",
        "date": (2018, 5, 25),
        "publisher": ILO_CO,
        "source": "",
        "url": "https://www.ilo.org/beijing/information-resources/public-information/WCMS_630563/lang--en/index.htm",
        "title_en": "Decent work in global supply chains: MoU signed between China and the ILO",
        "title_zh": "全球供应链中的体面劳动：中国与国际劳工组织签署谅解备忘录",
        "summary_en": "MOHRSS and the ILO sign a memorandum of understanding on the promotion of decent work in global "
        "supply chains, including the Responsible Supply Chains in Asia project.",
        "summary_zh": "人力资源和社会保障部与国际劳工组织签署关于在全球供应链中促进体面劳动的谅解备忘录，其中包括亚洲负责任供应链项目。",
        "topics": ["supply-chains", "labour-standards"],
        "countries": ["CN"],
    },
    # From the ILO Country Office's China resources: publications of the programme's themes.
    {
        "slug": "2019-04-score-annual-report-2019",
        "kind": "publication",
        "date": (2019, 4, 5),
        "publisher": ILO,
        "source": RESOURCES_LIST,
        "url": "",
        "title_en": "SCORE Sustaining Competitive and Responsible Enterprises Annual Report 2019",
        "title_zh": "可持续竞争力和负责任企业（SCORE）项目2019年度报告",
        "summary_en": "The year 2019 marks the tenth year that the Sustaining Competitive and Responsible Enterprises "
        "(SCORE) has been in operation. The SCORE Programme is now recognized as an effective programme "
        "and training system to support small and medium enterprises to improve their productivity and "
        "working conditions. One measure of this recognition is that the SCORE Training is utilized not "
        "only in the ten countries where the Programme is active, but is also supporting other donor "
        "funded programmes in Bangladesh, Brazil, Dominican Republic, Egypt, India, Republic of South "
        "Africa, and Turkey, and in additional five new countries: Algeria, Mauritius, Pakistan, "
        "Tanzania, Zimbabwe. SCORE Training has been widely utilized on a global scale and is able to "
        "show relatively consistent results at the enterprise level across a broad range of industries "
        "and countries. As of December 2019, 85,583 workers and managers from 2,357 enterprises in ten "
        "SCORE countries have participated in SCORE Training since 2009. While the overall scale of "
        "SCORE Training is still modest, it is clear that SCORE Training effectively helps enterprises "
        "find a better road to productivity and growth, from which both workers and employers benefit.",
        "summary_zh": "2019年是可持续竞争力和负责任企业（SCORE）项目运行的第十年。SCORE项目如今已被公认为帮助中小企业提高生产率、"
        "改善工作条件的有效项目和培训体系。这种认可的一个体现是，SCORE培训不仅在项目开展的十个国家使用，还在"
        "孟加拉国、巴西、多米尼加共和国、埃及、印度、南非共和国和土耳其支持其他捐助方资助的项目，并新增阿尔及利亚、"
        "毛里求斯、巴基斯坦、坦桑尼亚和津巴布韦五个国家。SCORE培训已在全球范围内广泛使用，能够在众多行业和国家的"
        "企业层面取得相对一致的成效。截至2019年12月，自2009年以来，十个SCORE国家中2357家企业的85583名工人和"
        "管理人员参加了SCORE培训。尽管SCORE培训的总体规模仍然有限，但它显然能有效帮助企业找到提高生产率和实现"
        "增长的更好道路，使工人和雇主都从中受益。",
        "topics": ["sme-productivity"],
        "countries": ["CN"],
        "sectors": [],
    },
    {
        "slug": "2019-03-the-ilo-in-china",
        "kind": "brochure",
        "date": (2019, 3, 26),
        "publisher": ILO_CO,
        "source": RESOURCES_LIST,
        "url": "",
        "title_en": "The ILO in China",
        "title_zh": "国际劳工组织在中国",
        "summary_en": "This Country Leaflet gives an overview of ILO activities in China. It summarizes the ILO's history "
        "in the country, and outlines the work undertaken by the ILO in cooperation with the government "
        "and social partners on a wide range of work and workplace issues.",
        "summary_zh": "这份国别宣传册概述了国际劳工组织在中国的活动，简要介绍了国际劳工组织在华的历史，并概述了国际劳工组织与政府和"
        "社会伙伴合作，在广泛的劳动和工作场所问题上开展的工作。",
        "topics": ["ilo-in-china"],
        "countries": ["CN"],
    },
]


@transaction.atomic
def seed_reference(out: Any) -> None:
    topics = {}
    for slug, name_en, name_zh in TOPICS:
        topics[slug], _created = Topic.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_zh": name_zh}
        )
    Resource.objects.filter(slug__in=RETIRED).delete()
    Topic.objects.filter(
        slug__in=["future-of-work", "disability-inclusion", "employment", "south-south"],
        resources__isnull=True,
    ).delete()
    for spec in RESOURCES:
        resource = Resource.objects.filter(slug=spec["slug"]).first() or Resource(slug=spec["slug"])
        for name in ("kind", "title_en", "title_zh", "summary_en", "summary_zh", "url", "source"):
            setattr(resource, name, spec[name])
        resource.publisher_en, resource.publisher_zh = spec["publisher"]
        resource.date = datetime.date(*spec["date"])
        resource.date_precision = spec.get("precision", Resource.DatePrecision.DAY)
        resource.is_public = True
        resource.search_text = resource_search_text(resource)
        resource.save()
        resource.topics.set([topics[t] for t in spec["topics"]])
        resource.countries.set(Country.objects.filter(iso2__in=spec.get("countries", [])))
        resource.sectors.set(Sector.objects.filter(code__in=spec.get("sectors", [])))
        resource_index(resource)
    out.write(f"  library: {len(RESOURCES)} resources, {len(TOPICS)} topics")


def seed_demo(out: Any) -> None:
    """The seeded resources are real; there is no extra demo content."""
