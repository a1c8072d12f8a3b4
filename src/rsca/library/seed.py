"""The China resources list of the seed documents (003_f2b0a1ae7f55b9a5.txt), every item with its date
and, where the list gives one, its summary. Chinese text is the platform's translation. Idempotent.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from rsca.core.models import Country, Sector
from rsca.library.models import Resource, Topic
from rsca.library.services import resource_index, resource_search_text

SOURCE = "ILO China resources list (seed 003_f2b0a1ae7f55b9a5)"

TOPICS: list[tuple[str, str, str]] = [
    ("csr-rbc", "CSR and responsible business conduct", "企业社会责任与负责任商业行为"),
    ("labour-standards", "International labour standards", "国际劳工标准"),
    ("sme-productivity", "SME productivity and working conditions", "中小企业生产率与工作条件"),
    ("sdgs", "Sustainable Development Goals", "可持续发展目标"),
    ("future-of-work", "Future of work", "劳动世界的未来"),
    ("disability-inclusion", "Disability inclusion", "残疾人融合"),
    ("employment", "Employment and decent work", "就业与体面劳动"),
    ("south-south", "South-South cooperation", "南南合作"),
    ("ilo-in-china", "The ILO in China", "国际劳工组织在中国"),
]

RESOURCES: list[dict[str, Any]] = [
    {"slug": "2019-04-happy-birthday-ilo", "kind": "news", "date": (2019, 4, 11),
     "title_en": "Happy birthday ILO!", "title_zh": "国际劳工组织生日快乐！",
     "summary_en": "", "summary_zh": "", "topics": ["ilo-in-china"], "countries": ["CN"]},
    {"slug": "2019-04-score-annual-report-2019", "kind": "publication", "date": (2019, 4, 5),
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
     "topics": ["sme-productivity"], "countries": ["CN"], "sectors": []},
    {"slug": "2019-03-the-ilo-in-china", "kind": "brochure", "date": (2019, 3, 26),
     "title_en": "The ILO in China", "title_zh": "国际劳工组织在中国",
     "summary_en": "This Country Leaflet gives an overview of ILO activities in China. It summarizes the ILO's history "
                   "in the country, and outlines the work undertaken by the ILO in cooperation with the government "
                   "and social partners on a wide range of work and workplace issues.",
     "summary_zh": "这份国别宣传册概述了国际劳工组织在中国的活动，简要介绍了国际劳工组织在华的历史，并概述了国际劳工组织与政府和"
                   "社会伙伴合作，在广泛的劳动和工作场所问题上开展的工作。",
     "topics": ["ilo-in-china"], "countries": ["CN"]},
    {"slug": "2019-03-china-to-benefit-from-rbc-in-supply-chains", "kind": "news", "date": (2019, 3, 5),
     "title_en": "China to benefit from responsible business conduct in supply chains",
     "title_zh": "中国将从供应链中的负责任商业行为中受益",
     "summary_en": "Delegates to a technical seminar on CSR in the electronics and textiles sectors discuss challenges "
                   "and practices.",
     "summary_zh": "电子和纺织行业企业社会责任技术研讨会的代表们探讨了面临的挑战和相关实践。",
     "topics": ["csr-rbc", "labour-standards"], "countries": ["CN"], "sectors": ["13", "14", "26"]},
    {"slug": "2018-12-joint-forces-to-achieve-sdgs-in-china", "kind": "news", "date": (2018, 12, 7),
     "title_en": "Joint forces called upon to achieve SDGs in China", "title_zh": "呼吁各方携手在中国实现可持续发展目标",
     "summary_en": "The China Business Summit on Achieving the SDGs discusses how business can best contribute to "
                   "sustainable development in China.",
     "summary_zh": "“实现可持续发展目标中国企业峰会”探讨了企业如何为中国的可持续发展作出最大贡献。",
     "topics": ["sdgs", "csr-rbc"], "countries": ["CN"]},
    {"slug": "2018-12-academic-reflections-future-of-work", "kind": "news", "date": (2018, 12, 5),
     "title_en": "Academic reflections on the Future of Work kicks off the ILO centenary celebrations in China",
     "title_zh": "关于劳动世界未来的学术研讨拉开国际劳工组织在华百年庆祝活动序幕",
     "summary_en": "", "summary_zh": "", "topics": ["future-of-work", "ilo-in-china"], "countries": ["CN"]},
    {"slug": "2018-12-gbdn-china-chapter-new-service", "kind": "news", "date": (2018, 12, 3),
     "title_en": "China Chapter of the Global Business and Disability Network launched a new service to match "
                 "employers and jobseekers with disabilities",
     "title_zh": "全球企业与残疾人网络中国分会推出为雇主与残疾求职者牵线的新服务",
     "summary_en": "", "summary_zh": "", "topics": ["disability-inclusion", "employment"], "countries": ["CN"]},
    {"slug": "2018-12-china-disability-policy-dialogue", "kind": "news", "date": (2018, 12, 3),
     "title_en": "Empowering persons with disabilities and ensuring inclusiveness and equality – China Disability "
                 "Policy Dialogue held in Beijing",
     "title_zh": "增强残疾人权能，确保包容与平等——中国残疾人政策对话在北京举行",
     "summary_en": "", "summary_zh": "", "topics": ["disability-inclusion"], "countries": ["CN"]},
    {"slug": "2018-11-china-ilo-south-south-cooperation", "kind": "news", "date": (2018, 11, 6),
     "title_en": "China partners with the ILO to advance South-South cooperation",
     "title_zh": "中国与国际劳工组织携手推进南南合作",
     "summary_en": "The ILO and Chinese Ministry of Human Resources and Social Security (MOHRSS) join forces to "
                   "promote full employment and decent work in 3 Asian countries",
     "summary_zh": "国际劳工组织与中国人力资源和社会保障部携手，在三个亚洲国家促进充分就业和体面劳动。",
     "topics": ["south-south", "employment"], "countries": ["CN"]},
    {"slug": "2018-10-ilo-cec-score-mou", "kind": "news", "date": (2018, 10, 22),
     "title_en": "The ILO sign with the China Enterprise Confederation for implementing SCORE project",
     "title_zh": "国际劳工组织与中国企业联合会签约实施SCORE项目",
     "summary_en": "On 22 October 2018, the Consulting and Training Centre of the China Enterprise Confederation (CEC) "
                   "and the International Labour Organization (ILO) signed a Memorandum of Understanding (MOU) "
                   "sealing their cooperation on the joint implementation of the Sustaining Competitive and "
                   "Responsible Enterprises project (SCORE) over the period 2018 to 2020.",
     "summary_zh": "2018年10月22日，中国企业联合会咨询培训中心与国际劳工组织签署谅解备忘录，确定双方在2018年至2020年期间合作、"
                   "共同实施可持续竞争力和负责任企业（SCORE）项目。",
     "topics": ["sme-productivity"], "countries": ["CN"]},
]


@transaction.atomic
def seed_reference(out: Any) -> None:
    topics = {}
    for slug, name_en, name_zh in TOPICS:
        topics[slug], _created = Topic.objects.update_or_create(slug=slug, defaults={"name_en": name_en,
                                                                                     "name_zh": name_zh})
    for spec in RESOURCES:
        resource = Resource.objects.filter(slug=spec["slug"]).first() or Resource(slug=spec["slug"])
        for name in ("kind", "title_en", "title_zh", "summary_en", "summary_zh"):
            setattr(resource, name, spec[name])
        resource.date = datetime.date(*spec["date"])
        resource.is_public = True
        resource.source = SOURCE
        resource.search_text = resource_search_text(resource)
        resource.save()
        resource.topics.set([topics[t] for t in spec["topics"]])
        resource.countries.set(Country.objects.filter(iso2__in=spec.get("countries", [])))
        resource.sectors.set(Sector.objects.filter(code__in=spec.get("sectors", [])))
        resource_index(resource)
    out.write(f"  library: {len(RESOURCES)} resources, {len(TOPICS)} topics")


def seed_demo(out: Any) -> None:
    """The seeded resources are real; there is no extra demo content."""
