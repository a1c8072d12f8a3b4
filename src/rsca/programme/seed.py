"""The RSCA programme, the ILO Country Office for China and Mongolia portfolio and the RSCA China
results framework, as structured data taken from the programme's own public documents.

Every record carries its provenance as a citation a reader can follow (publisher, title, kind of document,
date where the document gives one, link where the document is published online); S0–S4 below. No date or link
is added that the document itself does not give. Chinese text is the platform's translation of the English
originals. Everything is idempotent: records are found by their natural keys and updated.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from rsca.core.models import RSCA_COUNTRIES, Country, Organisation, Sector
from rsca.programme.computed import DEFINITIONS
from rsca.programme.iati import percentage_shares
from rsca.programme.models import (
    Budget,
    Indicator,
    IndicatorPeriod,
    InterventionArea,
    Participation,
    Programme,
    ProgrammePartner,
    Project,
    ProjectDocument,
    ProjectSector,
    ResultNode,
)

ILO_BEIJING = "https://www.ilo.org/beijing"
# The programme's documents, cited as a reader finds them.
S0 = (
    "ILO, “Responsible Supply Chains in Asia – China: At a glance”, project brief, "
    "https://www.ilo.org/beijing/what-we-do/projects/WCMS_630692/lang--en/index.htm"
)
S1 = (
    "ILO RSCA China, “Introducing the Responsible Supply Chains in Asia programme”, letter to partners, 2020, "
    "https://www.ilo.org/rsca"
)
S2 = (
    "ILO Country Office for China and Mongolia, “The ILO and the Ministry of Human Resources and Social Security "
    "(MOHRSS) join forces to strengthen the labour dimension of corporate social responsibility in China”, press "
    "release, https://www.ilo.org/beijing/information-resources/public-information/press-releases/WCMS_726956/"
    "lang--en/index.htm"
)
S4 = f"ILO Country Office for China and Mongolia, “Projects”, list of projects, {ILO_BEIJING}"
S_MOU = (
    "ILO Country Office for China and Mongolia, “Decent work in global supply chains: MoU signed between China "
    "and the ILO”, news, 25 May 2018, "
    "https://www.ilo.org/beijing/information-resources/public-information/WCMS_630563/lang--en/index.htm"
)

ILO_IATI_REF = "XM-DAC-41302"  # the ILO's organisation identifier in the IATI registry

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "ilo",
        "name": "International Labour Organization",
        "name_zh": "国际劳工组织",
        "acronym": "ILO",
        "type": "international_organisation",
        "website": "https://www.ilo.org/rsca",
        "description_en": "Co-implements the Responsible Supply Chains in Asia programme with the OECD.",
        "description_zh": "与经合组织共同实施“亚洲负责任供应链”项目。",
    },
    {
        "slug": "ilo-china-mongolia",
        "name": "ILO Country Office for China and Mongolia",
        "name_zh": "国际劳工组织中国和蒙古局",
        "acronym": "ILO CO-Beijing",
        "type": "international_organisation",
        "country_id": "CN",
        "description_en": "Operates programmes and projects on employment promotion, stopping exploitation at work "
        "and social dialogue, supporting the Decent Work agenda in China and Mongolia.",
        "description_zh": "实施促进就业、制止工作中的剥削和社会对话方面的计划和项目，支持中国和蒙古的体面劳动议程。",
    },
    {
        "slug": "oecd",
        "name": "Organisation for Economic Co-operation and Development",
        "name_zh": "经济合作与发展组织",
        "acronym": "OECD",
        "type": "international_organisation",
        "description_en": "Co-implements the Responsible Supply Chains in Asia programme with the ILO.",
        "description_zh": "与国际劳工组织共同实施“亚洲负责任供应链”项目。",
    },
    {
        "slug": "european-union",
        "name": "European Union",
        "name_zh": "欧洲联盟",
        "acronym": "EU",
        "type": "donor",
        "description_en": "Donor of the Responsible Supply Chains in Asia programme.",
        "description_zh": "“亚洲负责任供应链”项目的捐助方。",
    },
    {
        "slug": "mohrss",
        "name": "Ministry of Human Resources and Social Security",
        "name_zh": "中华人民共和国人力资源和社会保障部",
        "acronym": "MOHRSS",
        "type": "government",
        "country_id": "CN",
        "description_en": "China's ministry responsible for employment, labour relations and social security.",
        "description_zh": "中国主管就业、劳动关系和社会保障的部委。",
    },
    {
        "slug": "cec",
        "name": "China Enterprise Confederation",
        "name_zh": "中国企业联合会",
        "acronym": "CEC",
        "type": "employers_organisation",
        "country_id": "CN",
        "description_en": "The employers' organisation of China in the ILO's tripartite constituency.",
        "description_zh": "国际劳工组织三方成员中的中国雇主组织。",
    },
    {
        "slug": "acftu",
        "name": "All-China Federation of Trade Unions",
        "name_zh": "中华全国总工会",
        "acronym": "ACFTU",
        "type": "workers_organisation",
        "country_id": "CN",
        "description_en": "The workers' organisation of China in the ILO's tripartite constituency.",
        "description_zh": "国际劳工组织三方成员中的中国工人组织。",
    },
    {
        "slug": "calss",
        "name": "Chinese Academy of Labour and Social Security",
        "name_zh": "中国劳动和社会保障科学研究院",
        "acronym": "CALSS",
        "type": "academia",
        "country_id": "CN",
        "description_en": "Research institute that conducted the programme's two sector research reports.",
        "description_zh": "开展本项目两份行业研究报告的研究机构。",
    },
]

PROGRAMME: dict[str, Any] = {
    "slug": "rsca",
    "acronym": "RSCA",
    "title_en": "Responsible Supply Chains in Asia",
    "title_zh": "亚洲负责任供应链",
    "summary_en": "A partnership between the International Labour Organization (ILO), the European Union (EU) and "
    "the Organisation for Economic Co-operation and Development (OECD) that promotes corporate social "
    "responsibility (CSR) and responsible business conduct (RBC) in the fields of decent work, labour "
    "standards and working conditions in global supply chains. In China it targets the electronics "
    "and textiles sectors.",
    "summary_zh": "国际劳工组织、欧洲联盟和经济合作与发展组织之间的合作项目，在全球供应链中的体面劳动、劳动标准和工作条件"
    "领域促进企业社会责任和负责任商业行为。在中国，项目聚焦电子和纺织行业。",
    "aim_en": "To contribute to an enhanced respect for human rights, labour and environmental standards by "
    "businesses with supply chains in Asia, working in line with internationally agreed guidelines and "
    "principles.",
    "aim_zh": "推动在亚洲拥有供应链的企业按照国际公认的准则和原则行事，进一步尊重人权、劳动标准和环境标准。",
    "csr_definition_en": "CSR is the way enterprises consider the impact of their operations on society and affirm "
    "their principles and values, internally and externally. It is voluntary and "
    "enterprise-driven, goes beyond compliance with the law, is part of managing risk, must be "
    "built into long-term management and planning, and is not the same as philanthropy or "
    "charity. It contributes to the Sustainable Development Goals for 2030.",
    "csr_definition_zh": "企业社会责任是企业考量其经营活动对社会的影响、并在内部和外部彰显其原则和价值观的方式。它是自愿的、"
    "由企业推动的，超越单纯的守法，是风险管理的组成部分，必须系统地融入长期经营管理和规划，"
    "并不等同于慈善或捐赠。它有助于实现2030年可持续发展目标。",
    "basis_en": "Guided by the ILO Tripartite Declaration of Principles concerning Multinational Enterprises and "
    "Social Policy (MNE Declaration, 2017) and the OECD Guidelines for Multinational Enterprises (2011).",
    "basis_zh": "以国际劳工组织《关于多国企业和社会政策的三方原则宣言》（2017年《跨国企业宣言》）和经合组织"
    "《跨国企业准则》（2011年）为指导。",
    "target_beneficiaries_en": "Government, policy makers, international and national enterprises, small and medium "
    "enterprises, workers' and employers' organizations and educational institutions",
    "target_beneficiaries_zh": "政府、政策制定者、跨国和本国企业、中小企业、工人组织和雇主组织以及教育机构",
    "geographic_focus_en": "National and provincial",
    "geographic_focus_zh": "国家级和省级",
    "start": datetime.date(2017, 12, 15),
    "end": datetime.date(2020, 12, 14),
    "duration_label_en": "December 2017 – December 2020",
    "duration_label_zh": "2017年12月至2020年12月",
    "funding_amount": Decimal("9000000"),
    "funding_currency": "EUR",
    "funding_note_en": "Regional funding of EUR 9 million, principally from the European Union; implementation is "
    "shared equally between the ILO and the OECD. The regional programme commenced in January "
    "2018 and has been present in China since February 2018.",
    "funding_note_zh": "区域资金900万欧元，主要来自欧洲联盟；实施工作由国际劳工组织和经合组织平均分担。区域项目于2018年1月启动，"
    "自2018年2月起在中国开展工作。",
    "website": "https://www.ilo.org/rsca",
    "contact_email": "rsca@ilo.org",
    "source": f"{S0}; {S1}; {S2}",
}

# (organisation slug or None, group, label_en, label_zh, role_en, role_zh, source)
PARTNERS: list[tuple[str | None, str, str, str, str, str, str]] = [
    (
        "ilo",
        "initiator",
        "",
        "",
        "Partner in the programme; co-implements it with the OECD and leads the China component through its Country "
        "Office for China and Mongolia, using the MNE Declaration as the basis.",
        "项目合作方；与经合组织共同实施项目，并通过国际劳工组织中国和蒙古局牵头中国部分，以《跨国企业宣言》为基础。",
        f"{S1}; {S2}",
    ),
    (
        "oecd",
        "initiator",
        "",
        "",
        "Partner in the programme; co-implements it with the ILO, bringing the OECD Guidelines for Multinational "
        "Enterprises.",
        "项目合作方；与国际劳工组织共同实施项目，引入经合组织《跨国企业准则》。",
        f"{S1}; {S2}",
    ),
    (
        "european-union",
        "donor",
        "",
        "",
        "Donor: principal funder of the EUR 9 million regional programme.",
        "捐助方：900万欧元区域项目的主要出资方。",
        f"{S0}; {S1}",
    ),
    (
        "mohrss",
        "national",
        "",
        "",
        "Government partner: signed a memorandum of understanding with the ILO in May 2018 to promote the programme in "
        "China; works with it to raise labour inspectors' awareness of CSR/RBC guidance and to train enterprises in "
        "electronics supply chains in responsible labour practices.",
        "政府合作方：2018年5月与国际劳工组织签署谅解备忘录，在中国推广本项目；与项目合作提高劳动监察员对企业社会责任/负责任商业行为"
        "指南的认识，并为电子供应链企业提供负责任劳动实践培训。",
        f"{S0}; {S1}",
    ),
    (
        "cec",
        "national",
        "",
        "",
        "Employers' organisation partner: represents employers in the programme's dialogue and training.",
        "雇主组织合作方：在项目的对话和培训中代表雇主。",
        S0,
    ),
    (
        "acftu",
        "national",
        "",
        "",
        "Workers' organisation partner: represents workers in the programme's dialogue and training.",
        "工人组织合作方：在项目的对话和培训中代表工人。",
        S0,
    ),
    (
        "calss",
        "research",
        "",
        "",
        "Research partner: conducted the two research reports on socially responsible labour practices in the "
        "garment and electronics sectors in China, with the support of MOHRSS.",
        "研究合作方：在人力资源和社会保障部支持下，完成了关于中国服装和电子行业社会责任劳动实践的两份研究报告。",
        S1,
    ),
    (
        None,
        "stakeholder",
        "Local government",
        "地方政府",
        "Partners at provincial and local level.",
        "省级和地方层面的合作方。",
        S0,
    ),
    (
        None,
        "stakeholder",
        "Multi-stakeholder initiatives, sectoral associations, research and academic entities",
        "多利益相关方倡议、行业协会、研究和学术机构",
        "Partners in research, dialogue and dissemination.",
        "研究、对话和传播方面的合作方。",
        S0,
    ),
    (
        None,
        "stakeholder",
        "Multinational and national enterprises, and other stakeholders in global supply chains",
        "跨国企业和本国企业以及全球供应链中的其他利益相关方",
        "Partners whose practices the programme aims to align with international guidelines.",
        "项目致力于使其做法与国际准则保持一致的合作方。",
        S0,
    ),
]

AREAS: list[tuple[str, str, str, str, str]] = [
    (
        "research",
        "Research",
        "研究",
        "Research to generate an updated mapping of policies, practices and institutions at the sectoral level in "
        "China, laying the foundation for policy dialogues, capacity building, targeted communication and advocacy.",
        "开展研究，更新对中国行业层面政策、实践和机构的梳理，为设计和实施政策对话、能力建设、定向传播和倡导战略奠定坚实基础。",
    ),
    (
        "outreach",
        "Outreach",
        "宣传推广",
        "Outreach activities give a platform for dialogue among stakeholders to increase knowledge of socially "
        "responsible labour practices, share expertise and learn from national and international experience.",
        "宣传推广活动为各利益相关方提供对话平台，增进对社会责任劳动实践的了解，分享专业知识，学习国内外经验。",
    ),
    (
        "policy_advocacy",
        "Policy advocacy",
        "政策倡导",
        "Policy advocacy provides technical inputs and enhances policy dialogue among different actors to promote "
        "policy coherence and the implementation of good CSR practices.",
        "政策倡导提供技术投入，加强各方之间的政策对话，促进政策一致性，推动落实企业社会责任良好实践。",
    ),
    (
        "training",
        "Training",
        "培训",
        "Training on internationally agreed CSR/RBC principles and guidelines for ILO constituents, multinational "
        "enterprises, small and medium enterprises and future business leaders, nationally and locally, with a "
        "sector focus; seminars and workshops show concrete enterprise-level practice.",
        "面向国际劳工组织三方成员、跨国企业、中小企业和未来企业领导者，在国家和地方层面、聚焦特定行业，开展关于国际公认的企业社会"
        "责任/负责任商业行为原则和准则的培训；研讨会和讲习班展示企业层面的具体实践。",
    ),
]

# The China results framework. code, level, parent code, area, title_en, title_zh, source.
RESULTS: list[tuple[str, str, str | None, str, str, str, str]] = [
    (
        "O1",
        "objective",
        None,
        "",
        "Increase understanding and knowledge of investors, business associations, enterprises, civil society "
        "organisations, trade unions and policymakers on CSR/RBC from the perspective of decent work.",
        "从体面劳动的角度，增进投资者、商业协会、企业、民间社会组织、工会和政策制定者对企业社会责任/负责任商业行为的理解和认识。",
        S0,
    ),
    (
        "O2",
        "objective",
        None,
        "",
        "Create a policy environment conducive to promoting socially responsible conduct among businesses.",
        "营造有利于促进企业履行社会责任行为的政策环境。",
        S0,
    ),
    (
        "O3",
        "objective",
        None,
        "",
        "Increase opportunities for businesses to have dialogue on challenges and opportunities in relation to the "
        "implementation of socially responsible labour practices.",
        "为企业增加就落实社会责任劳动实践的挑战和机遇开展对话的机会。",
        S0,
    ),
    (
        "OC1",
        "outcome",
        "O1",
        "",
        "Boosted awareness and understanding of CSR/RBC, particularly among policy makers in government and business, "
        "through the exchange of information and the dissemination of the latest research, case studies and data.",
        "通过信息交流以及传播最新研究、案例和数据，提高各方尤其是政府和企业决策者对企业社会责任/负责任商业行为的认识和理解。",
        S0,
    ),
    (
        "OC2",
        "outcome",
        "O2",
        "",
        "Improved coherence between the EU and China on CSR/RBC policies and practice.",
        "欧盟与中国在企业社会责任/负责任商业行为政策和实践方面的一致性得到提高。",
        S0,
    ),
    (
        "OC3",
        "outcome",
        "O3",
        "",
        "Developed and/or reinforced multi-stakeholder partnerships, including at a sectoral level, to implement "
        "sound industrial relations and lift the contributions of businesses operating in China to environmental "
        "protection, decent working conditions, and the respect for human rights.",
        "建立和/或加强包括行业层面在内的多利益相关方伙伴关系，以建立健全的劳动关系，提升在华经营企业对环境保护、体面工作条件和"
        "尊重人权的贡献。",
        S0,
    ),
    (
        "OP1.1",
        "output",
        "OC1",
        "research",
        "Updated mapping of policies, practices and institutions at the sectoral level in China.",
        "更新中国行业层面政策、实践和机构的梳理。",
        f"{S0}; {S1}",
    ),
    (
        "OP1.2",
        "output",
        "OC1",
        "training",
        "Training on internationally agreed CSR/RBC principles and guidelines delivered to ILO constituents, "
        "multinational enterprises, SMEs and future business leaders.",
        "向国际劳工组织三方成员、跨国企业、中小企业和未来企业领导者提供关于国际公认的企业社会责任/负责任商业行为原则和准则的培训。",
        S0,
    ),
    (
        "OP2.1",
        "output",
        "OC2",
        "policy_advocacy",
        "Technical inputs and policy dialogue among different actors promote policy coherence on CSR.",
        "技术投入和各方政策对话促进企业社会责任方面的政策一致性。",
        S0,
    ),
    (
        "OP3.1",
        "output",
        "OC3",
        "outreach",
        "Platforms for dialogue among stakeholders on socially responsible labour practices.",
        "就社会责任劳动实践搭建利益相关方对话平台。",
        S0,
    ),
    (
        "A1.1.1",
        "activity",
        "OP1.1",
        "research",
        "Research reports on socially responsible labour practices in the garment and electronics sectors in China "
        "(CALSS, with the support of MOHRSS).",
        "关于中国服装和电子行业社会责任劳动实践的研究报告（中国劳动和社会保障科学研究院，人力资源和社会保障部支持）。",
        S1,
    ),
    (
        "A1.2.1",
        "activity",
        "OP1.2",
        "training",
        "Three-day seminar with MOHRSS on international labour standards, the MNE Declaration, Chinese labour law "
        "and CSR guidelines.",
        "与人力资源和社会保障部合办为期三天的研讨会，内容涉及国际劳工标准、《跨国企业宣言》、中国劳动法律法规和企业社会责任指南。",
        S2,
    ),
    (
        "A1.2.2",
        "activity",
        "OP1.2",
        "training",
        "Training of electronics and textile industry representatives on labour standards and CSR (October 2019).",
        "为电子和纺织行业代表开展劳动标准和企业社会责任培训（2019年10月）。",
        S1,
    ),
    (
        "A1.2.3",
        "activity",
        "OP1.2",
        "training",
        "With MOHRSS: labour inspectors' awareness of CSR/RBC guidance and responsible labour practice training for "
        "enterprises in electronics supply chains.",
        "与人力资源和社会保障部合作：提高劳动监察员对企业社会责任/负责任商业行为指南的认识，并为电子供应链企业提供负责任劳动实践培训。",
        S1,
    ),
    (
        "A2.1.1",
        "activity",
        "OP2.1",
        "policy_advocacy",
        "Memorandum of understanding with MOHRSS to promote the programme within China (May 2018).",
        "与人力资源和社会保障部签署谅解备忘录，在中国推广本项目（2018年5月）。",
        f"{S1}; {S_MOU}",
    ),
    (
        "A3.1.1",
        "activity",
        "OP3.1",
        "outreach",
        "Industry and government forums to promote the business case to industry leaders (November 2019).",
        "举办行业和政府论坛，向行业领袖宣传负责任经营的商业价值（2019年11月）。",
        S1,
    ),
]

YEAR_PERIODS = [
    (datetime.date(2017, 12, 15), datetime.date(2018, 12, 31)),
    (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
    (datetime.date(2020, 1, 1), datetime.date(2020, 12, 14)),
]

# node code, indicator code, measure, source, computation, dims, title_en, title_zh, unit_en, unit_zh, def_en, def_zh
INDICATORS: list[dict[str, Any]] = [
    {
        "node": "OP1.2",
        "code": "I1.2.a",
        "measure": "1",
        "source": "computed",
        "computation": "training_participants",
        "dimensions": ["sex", "constituent", "province", "sector"],
        "title_en": "People trained on CSR/RBC principles and guidelines",
        "title_zh": "接受企业社会责任/负责任商业行为原则和准则培训的人数",
        "unit_en": "persons",
        "unit_zh": "人",
        "definition_en": "Distinct participants who attended a training session recorded on the platform in the period.",
        "definition_zh": "在该期间参加平台所记录培训的不重复参与者人数。",
    },
    {
        "node": "OP1.2",
        "code": "I1.2.b",
        "measure": "1",
        "source": "computed",
        "computation": "training_enterprises",
        "dimensions": ["province", "sector"],
        "title_en": "Enterprises reached by training",
        "title_zh": "培训覆盖的企业数",
        "unit_en": "enterprises",
        "unit_zh": "家企业",
        "definition_en": "Distinct enterprises with at least one participant in a training session in the period.",
        "definition_zh": "在该期间至少有一名参与者参加培训的不重复企业数。",
    },
    {
        "node": "OC1",
        "code": "I1.a",
        "measure": "2",
        "source": "computed",
        "computation": "training_knowledge_gain",
        "dimensions": [],
        "title_en": "Average knowledge gain of trained participants (pre/post test)",
        "title_zh": "受训人员的平均知识提升（培训前后测试）",
        "unit_en": "percentage points",
        "unit_zh": "个百分点",
        "definition_en": "Mean difference between post-test and pre-test scores, in percentage points.",
        "definition_zh": "培训后测试与培训前测试得分的平均差值（百分点）。",
    },
    {
        "node": "OC1",
        "code": "I1.b",
        "measure": "1",
        "source": "computed",
        "computation": "training_satisfaction",
        "dimensions": [],
        "title_en": "Participants' average satisfaction with the training",
        "title_zh": "参与者对培训的平均满意度",
        "unit_en": "rating out of 5",
        "unit_zh": "分（满分5分）",
        "definition_en": "Mean overall rating (1 to 5) given in the participants' feedback forms.",
        "definition_zh": "参与者反馈表中总体评分（1至5分）的平均值。",
    },
    # OC3 names "the contributions of businesses operating in China to ... decent working conditions": the
    # platform's hours-and-wages checks and the corrective actions that follow them measure that directly. The
    # seed documents state no targets for these, so none are seeded.
    {
        "node": "OC3",
        "code": "I3.a",
        "measure": "1",
        "source": "computed",
        "computation": "compliance_facilities_assessed",
        "dimensions": ["province", "sector"],
        "title_en": "Supplier facilities assessed on working hours, wages and ages",
        "title_zh": "接受工时、工资和年龄合规评估的供应商工厂数",
        "unit_en": "facilities",
        "unit_zh": "家工厂",
        "definition_en": "Distinct supplier facilities with at least one compliance check of their roster, time and "
        "payroll records completed on the platform in the period, by the facility's province and "
        "ISIC sector (a facility in two sectors counts in each).",
        "definition_zh": "在该期间于平台上完成至少一次花名册、考勤和工资记录合规检查的不重复供应商工厂数，按工厂所在省份和"
        "ISIC行业分列（属于两个行业的工厂在每个行业各计一次）。",
    },
    {
        "node": "OC3",
        "code": "I3.b",
        "measure": "1",
        "source": "computed",
        "computation": "compliance_findings_remediated",
        "dimensions": ["province", "sector"],
        "title_en": "Violations remediated (findings covered by verified corrective actions)",
        "title_zh": "已整改的违规（经核实的纠正措施所涵盖的发现项）",
        "unit_en": "findings",
        "unit_zh": "项",
        "definition_en": "Findings of a compliance check (one violation of one worker on a day, week, month or pay "
        "period) whose corrective action was verified in the period: either a later check of the same "
        "facility no longer showed that type of finding for any worker, or a buyer sourcing from the "
        "facility or the programme confirmed the correction.",
        "definition_zh": "在该期间其纠正措施得到核实的合规检查发现项（某一工人在某日、某周、某月或某工资期的一项违规）："
        "同一工厂之后的检查对任何工人都不再出现该类发现项，或从该工厂采购的买方或项目确认已整改。",
    },
    # The seed documents name no outcome on supply-chain mapping or due diligence; OC3 ("lift the contributions of
    # businesses operating in China to ... decent working conditions, and the respect for human rights") is where
    # knowing one's suppliers belongs, next to assessing them (I3.a). No targets stated, none seeded.
    {
        "node": "OC3",
        "code": "I3.c",
        "measure": "1",
        "source": "computed",
        "computation": "supplychain_facilities_mapped",
        "dimensions": ["province", "sector"],
        "title_en": "Enterprises in buyers' mapped supply chains (supplier facilities mapped)",
        "title_zh": "纳入买方供应链图谱的企业数（已梳理的供应商工厂）",
        "unit_en": "facilities",
        "unit_zh": "家工厂",
        "definition_en": DEFINITIONS["supplychain_facilities_mapped"][0],
        "definition_zh": DEFINITIONS["supplychain_facilities_mapped"][1],
    },
    {
        "node": "OP1.1",
        "code": "I1.1.a",
        "measure": "1",
        "source": "manual",
        "computation": "",
        "dimensions": ["sector"],
        "title_en": "Sector research reports on socially responsible labour practices completed",
        "title_zh": "完成的社会责任劳动实践行业研究报告数",
        "unit_en": "reports",
        "unit_zh": "份",
        "definition_en": "Research reports mapping policies, practices and institutions in a focus sector.",
        "definition_zh": "梳理重点行业政策、实践和机构的研究报告。",
    },
    {
        "node": "OP2.1",
        "code": "I2.1.a",
        "measure": "1",
        "source": "manual",
        "computation": "",
        "dimensions": [],
        "title_en": "Cooperation agreements signed with government partners",
        "title_zh": "与政府合作方签署的合作协议数",
        "unit_en": "agreements",
        "unit_zh": "份",
        "definition_en": "Memoranda of understanding or equivalent agreements to promote CSR/RBC.",
        "definition_zh": "为促进企业社会责任/负责任商业行为而签署的谅解备忘录或同等协议。",
    },
    {
        "node": "OP3.1",
        "code": "I3.1.a",
        "measure": "1",
        "source": "manual",
        "computation": "",
        "dimensions": [],
        "title_en": "Multi-stakeholder dialogue events (forums, seminars) held",
        "title_zh": "举办的多利益相关方对话活动（论坛、研讨会）次数",
        "unit_en": "events",
        "unit_zh": "次",
        "definition_en": "Forums, seminars and dialogues bringing government, business, workers and other stakeholders "
        "together.",
        "definition_zh": "汇集政府、企业、工人和其他利益相关方的论坛、研讨会和对话活动。",
    },
]

# Actuals the seed documents state, entered by hand with their evidence.
# (indicator code, period index, actual, disaggregation {(dimension, value): n}, evidence_en, evidence_zh)
MANUAL_ACTUALS: list[tuple[str, int, Decimal, dict[tuple[str, str], Decimal], str, str]] = [
    (
        "I1.1.a",
        2,
        Decimal(2),
        {("sector", "Textiles"): Decimal(1), ("sector", "Electronics"): Decimal(1)},
        "Two research reports on socially responsible labour practices in the garment and electronics sectors, "
        "conducted by CALSS with the support of MOHRSS (reported in the programme's letter “Introducing the "
        "Responsible Supply Chains in Asia programme”, 2020).",
        "中国劳动和社会保障科学研究院在人力资源和社会保障部支持下完成的服装和电子行业社会责任劳动实践研究报告两份（见项目2020年"
        "致合作方的介绍信《亚洲负责任供应链项目介绍》）。",
    ),
    (
        "I3.1.a",
        0,
        Decimal(1),
        {},
        "Stakeholders' meeting on public and private initiatives for responsible business conduct, organised by MOHRSS "
        "and the ILO in Beijing on 18 September 2018 (ILO press release “Taking steps to promote decent work in global "
        "supply chains”, 20 September 2018).",
        "人力资源和社会保障部与国际劳工组织于2018年9月18日在北京召开的负责任商业行为公共和私营举措利益相关方会议（国际劳工组织"
        "新闻稿《采取措施促进全球供应链中的体面劳动》，2018年9月20日）。",
    ),
    (
        "I3.1.a",
        1,
        Decimal(2),
        {},
        "Technical seminar on CSR in the electronics and textiles sectors, Beijing, 5 March 2019; Forum on Responsible "
        "Labour Practices, Chengdu, 14 November 2019 (ILO press releases of 5 March and 14 November 2019).",
        "2019年3月5日在北京举办的电子和纺织行业企业社会责任技术研讨会；2019年11月14日在成都举办的负责任劳动实践论坛"
        "（国际劳工组织2019年3月5日和11月14日新闻稿）。",
    ),
    (
        "I2.1.a",
        0,
        Decimal(1),
        {},
        "Memorandum of understanding signed with MOHRSS in May 2018 to promote the programme within China (ILO press "
        "release “Decent work in global supply chains: MoU signed between China and the ILO”, 25 May 2018).",
        "2018年5月与人力资源和社会保障部签署谅解备忘录，在中国推广本项目（国际劳工组织新闻稿《全球供应链中的体面劳动：中国与"
        "国际劳工组织签署谅解备忘录》，2018年5月25日）。",
    ),
]

# The ILO Country Office for China and Mongolia portfolio (S4), in the order of the seed list.
PROJECTS: list[dict[str, Any]] = [
    {
        "slug": "universal-social-protection-china",
        "code": "CHN-USP",
        "title_en": "Improving China's Institutional Capacity towards Universal Social Protection",
        "title_zh": "提升中国实现全民社会保护的制度能力",
        "start": (2019, 7, 1),
        "end": (2022, 6, 30),
        "countries": ["CN"],
        "dac": ["16010"],
        "sdg": ["1.3"],
        "funders": ["european-union"],
        "funding_en": "European Union, Partnership Instrument “EU-China Cooperation on Employment, Social Affairs and "
        "Inclusion”",
        "funding_zh": "欧洲联盟，伙伴关系工具“中欧就业、社会事务和包容合作”",
        "description_en": "The project is funded by the European Union under the EU's Partnership Instrument "
        "“EU-China Cooperation on Employment, Social Affairs and Inclusion.”",
        "description_zh": "本项目由欧洲联盟在其伙伴关系工具“中欧就业、社会事务和包容合作”下出资。",
    },
    {
        "slug": "score-phase-3-china",
        "code": "CHN-SCORE3",
        "title_en": "Sustaining Competitive and Responsible Enterprises (SCORE) Phase III - China",
        "title_zh": "可持续竞争力和负责任企业（SCORE）项目第三期——中国",
        "start": (2017, 11, 1),
        "end": (2021, 10, 31),
        "countries": ["CN"],
        "dac": ["32130"],
        "sdg": ["8.3"],
        "funders": [],
        "funding_en": "",
        "funding_zh": "",
        "isic": ["13", "14", "26"],
        "description_en": "Sustaining Competitive and Responsible Enterprises (SCORE) is a practical training and "
        "in-factory counselling programme that improves productivity and working conditions in small "
        "and medium enterprises (SMEs).",
        "description_zh": "可持续竞争力和负责任企业（SCORE）项目是一个实用的培训和企业现场咨询项目，帮助中小企业提高生产率、"
        "改善工作条件。",
    },
    {
        "slug": "formal-employment-mongolia",
        "code": "MNG-FORMAL",
        "title_en": "Formal Employment Is Promoted for Inclusive and Diversified Economic Growth in Mongolia",
        "title_zh": "促进正规就业，推动蒙古包容性和多元化经济增长",
        "start": (2019, 1, 1),
        "end": (2020, 12, 31),
        "countries": ["MN"],
        "dac": ["16020"],
        "sdg": ["8.3"],
        "funders": ["ilo"],
        "funding_en": "ILO Regular Budget Supplementary Account (RBSA)",
        "funding_zh": "国际劳工组织经常预算补充账户（RBSA）",
        "description_en": "The project, funded from the ILO Regular Budget Supplementary Account, focuses on facilitating "
        "progressive transitions from the informal to the formal economy in Mongolia. It gives effect "
        "to the ILO's roadmap for “Effective ILO development cooperation in support of the Sustainable "
        "Development Goals” and the Transition from the Informal to the Formal Economy Recommendation, "
        "2015 (No. 204), and supports the government in addressing the Direct Request of the ILO "
        "Committee of Experts on Mongolia's application of the Employment Policy Convention (No. 122).",
        "description_zh": "本项目由国际劳工组织经常预算补充账户出资，重点推动蒙古从非正规经济向正规经济逐步转型。项目落实国际劳工组织"
        "“支持可持续发展目标的有效发展合作”路线图和2015年《从非正规经济向正规经济转型建议书》（第204号），"
        "并支持政府回应国际劳工组织专家委员会就蒙古适用《就业政策公约》（第122号）提出的直接请求。",
    },
    {
        "slug": "rsca-regional",
        "code": "RSCA",
        "scope": "2",
        "title_en": "Responsible Supply Chains in Asia",
        "title_zh": "亚洲负责任供应链",
        "start": (2017, 12, 15),
        "end": (2020, 12, 14),
        "actual_start": (2018, 1, 1),
        "countries": list(RSCA_COUNTRIES),
        "dac": ["25040", "16070"],
        "sdg": ["8.7", "8.8", "12.6"],
        "funders": ["european-union"],
        "implementers": ["ilo", "oecd"],
        "funding_en": "European Union (EUR 9 million regional funding, principally from the EU)",
        "funding_zh": "欧洲联盟（区域资金900万欧元，主要来自欧盟）",
        "isic": ["13", "14", "15", "26", "27"],
        "budget": Decimal("9000000"),
        "budget_currency": "EUR",
        "description_en": "The Responsible Supply Chains in Asia programme aims to further sustainable and inclusive "
        "economic, social and environmental progress by integrating responsible business practices "
        "into the operations of multinational companies and their supply chains. Active in selected "
        "industrial sectors in six Asian countries, it takes a multifaceted approach with the aim of "
        "promoting respect for human rights, and labour and environmental standards.",
        "description_zh": "“亚洲负责任供应链”项目旨在将负责任的商业实践融入跨国公司及其供应链的运营，推动可持续和包容的经济、"
        "社会和环境进步。项目在亚洲六国的特定行业开展工作，采取多管齐下的方式，促进对人权、劳动标准和"
        "环境标准的尊重。",
    },
    {
        "slug": "rsca-china",
        "code": "RSCA-CHN",
        "title_en": "Responsible Supply Chains in Asia - China",
        "title_zh": "亚洲负责任供应链——中国",
        "start": (2017, 12, 15),
        "end": (2020, 12, 14),
        "actual_start": (2018, 2, 1),
        "countries": ["CN"],
        "dac": ["25040", "16070"],
        "sdg": ["8.7", "8.8", "12.6"],
        "funders": ["european-union", "ilo"],
        "implementers": ["ilo-china-mongolia"],
        "funding_en": "Co-funded by the European Union and the ILO under the EU's Partnership Instrument",
        "funding_zh": "由欧洲联盟和国际劳工组织在欧盟伙伴关系工具下共同出资",
        "isic": ["13", "14", "15", "26", "27"],
        "description_en": "The Responsible Supply Chains in Asia programme aims to promote responsible business practices "
        "into the operations of multinational companies and their supply chains. Active in six Asian "
        "countries, the programme in China is working to enhance respect for labour rights and "
        "environmental standards among multinational enterprises with supply chains in the "
        "electronics and textiles sectors. This project is co-funded by the European Union and the ILO "
        "under the EU's Partnership Instrument.",
        "description_zh": "“亚洲负责任供应链”项目旨在推动将负责任的商业实践融入跨国公司及其供应链的运营。项目在亚洲六国开展工作，"
        "在中国致力于提高在电子和纺织行业拥有供应链的跨国企业对劳动权利和环境标准的尊重。本项目由欧洲联盟和"
        "国际劳工组织在欧盟伙伴关系工具下共同出资。",
    },
    {
        "slug": "fprw-cotton-supply-chain",
        "code": "CHN-COTTON",
        "title_en": "Promoting Fundamental Principles and Rights at Work in the Cotton Supply Chain",
        "title_zh": "在棉花供应链中促进工作中的基本原则和权利",
        "start": (2017, 5, 10),
        "end": (2020, 6, 30),
        "countries": ["CN"],
        "dac": ["16070"],
        "sdg": ["8.7", "8.8"],
        "funders": [],
        "funding_en": "",
        "funding_zh": "",
        "isic": ["13"],
        "description_en": "This project will contribute to the implementation of Decent Work in the cotton supply chain by "
        "supporting the implementation of Fundamental Principles and Rights at Work in China. It will "
        "also support social dialogue on fundamental principles and rights at work at the national "
        "and industry levels (national, industry level, workplace and communities), with the aim of "
        "supporting a viable system of industrial relations.",
        "description_zh": "本项目通过支持在中国落实工作中的基本原则和权利，推动在棉花供应链中实现体面劳动。项目还将支持在国家和"
        "行业层面（国家、行业、工作场所和社区）就工作中的基本原则和权利开展社会对话，以支持建立可行的劳动关系体系。",
    },
    {
        "slug": "gsp-plus-mongolia-phase-2",
        "code": "MNG-GSP2",
        "title_en": "Sustaining GSP-Plus Status by Strengthened National Capacities to Improve ILS Compliance and "
        "Reporting-Mongolia Phase 2",
        "title_zh": "通过加强国家能力改进国际劳工标准遵守和报告以保持普惠制+地位——蒙古第二期",
        "start": (2018, 4, 1),
        "end": (2020, 3, 31),
        "countries": ["MN"],
        "dac": ["16070"],
        "sdg": ["8.7"],
        "funders": ["european-union"],
        "funding_en": "European Union",
        "funding_zh": "欧洲联盟",
        "description_en": "The project represents a continued support of the European Union to increase national "
        "capacity to apply core labour standards. It contributes to the realization of the fundamental "
        "principles and rights at work in Mongolia, focusing on the promotion of the Protocol of 2014 "
        "to the Forced Labour Convention and advocacy of improved national response to human "
        "trafficking for labour exploitation.",
        "description_zh": "本项目体现了欧洲联盟对提高蒙古适用核心劳动标准国家能力的持续支持，有助于在蒙古实现工作中的基本原则和"
        "权利，重点推广《强迫劳动公约》2014年议定书，并倡导改进国家对以劳动剥削为目的的人口贩运的应对。",
    },
    {
        "slug": "rights-at-work-collective-bargaining-china",
        "code": "CHN-CB",
        "title_en": "Rights at Work: Promoting Harmonious Labour Relations through Collective Bargaining in China",
        "title_zh": "工作中的权利：通过集体协商促进中国和谐劳动关系",
        "start": (2016, 8, 29),
        "end": (2020, 2, 29),
        "countries": ["CN"],
        "dac": ["16080"],
        "sdg": ["8.8"],
        "funders": [],
        "funding_en": "",
        "funding_zh": "",
        "description_en": "The project is to strengthen collective bargaining processes and institutional capacity for "
        "more inclusive and sound labour relations at various levels.",
        "description_zh": "本项目旨在加强集体协商进程和制度能力，在各个层面建立更具包容性和更加健全的劳动关系。",
    },
    {
        "slug": "reducing-aids-discrimination-workplace",
        "code": "CHN-AIDS",
        "title_en": "Reducing AIDS Discrimination at workplace",
        "title_zh": "减少工作场所艾滋病歧视",
        "start": (2018, 1, 1),
        "end": (2019, 12, 31),
        "countries": ["CN"],
        "dac": ["16064"],
        "sdg": ["3.3"],
        "funders": [],
        "funding_en": "Under the Plan of the Joint UN Team on AIDS in China",
        "funding_zh": "在联合国艾滋病中国联合工作组计划框架下",
        "description_en": "The project is under the Plan of the Joint UN Team on AIDS in China.",
        "description_zh": "本项目属于联合国艾滋病中国联合工作组计划的一部分。",
    },
    {
        "slug": "gsp-plus-mongolia",
        "code": "MNG-GSP1",
        "title_en": "Support GSP+ Beneficiary Countries to Effectively Implement ILS and Comply with Reporting "
        "Obligations – Mongolia",
        "title_zh": "支持普惠制+受惠国有效实施国际劳工标准并履行报告义务——蒙古",
        "start": (2016, 8, 1),
        "end": (2019, 1, 31),
        "countries": ["MN"],
        "dac": ["16070"],
        "sdg": ["8.8"],
        "funders": [],
        "funding_en": "",
        "funding_zh": "",
        "description_en": "The project addresses informality especially through the strengthened capacity of workers' "
        "and employers' organizations to represent their constituencies in the informal economy.",
        "description_zh": "本项目特别通过加强工人组织和雇主组织在非正规经济中代表其成员的能力来应对非正规性问题。",
    },
]


def _date(parts: tuple[int, int, int] | None) -> datetime.date | None:
    return datetime.date(*parts) if parts else None


def seed_organisations() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        fields = {k: v for k, v in spec.items() if k != "slug"}
        organisation = (
            Organisation.objects.filter(slug=spec["slug"]).first()
            or Organisation.objects.filter(name__iexact=spec["name"]).first()
        )
        if organisation is None:
            organisation = Organisation(slug=spec["slug"])
        for key, value in fields.items():
            setattr(organisation, key, value)
        organisation.is_public = True
        organisation.save()
        found[spec["slug"]] = organisation
    return found


def seed_projects(orgs: dict[str, Organisation]) -> dict[str, Project]:
    office = orgs["ilo-china-mongolia"]
    today = datetime.date.today()
    projects: dict[str, Project] = {}
    for spec in PROJECTS:
        end = _date(spec["end"])
        project, _created = Project.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "iati_identifier": f"{ILO_IATI_REF}-{spec['code']}",
                "identifier_is_provisional": True,
                "title_en": spec["title_en"],
                "title_zh": spec["title_zh"],
                "description_en": spec["description_en"],
                "description_zh": spec["description_zh"],
                "funding_note_en": spec["funding_en"],
                "funding_note_zh": spec["funding_zh"],
                "status": Project.Status.CLOSED if end and end < today else Project.Status.IMPLEMENTATION,
                "scope": spec.get("scope", Project.Scope.NATIONAL),
                "planned_start": _date(spec["start"]),
                "planned_end": end,
                "actual_start": _date(spec.get("actual_start")),
                "default_currency": spec.get("budget_currency", "USD"),
                "sdg_targets": spec["sdg"],
                "owner": office,
                "reporting_org_ref": ILO_IATI_REF,
                "is_public": True,
                "source": S4 if "actual_start" not in spec else f"{S4}; {S1}",
            },
        )
        project.countries.set(Country.objects.filter(iso2__in=spec["countries"]))
        project.isic_sectors.set(Sector.objects.filter(code__in=spec.get("isic", [])))
        ProjectSector.objects.filter(project=project).exclude(code__in=spec["dac"]).delete()
        for code, share in zip(spec["dac"], percentage_shares(len(spec["dac"])), strict=True):
            ProjectSector.objects.update_or_create(project=project, code=code, defaults={"percentage": share})
        roles = [(slug, Participation.Role.FUNDING) for slug in spec["funders"]]
        roles.append(("ilo", Participation.Role.ACCOUNTABLE))
        roles += [
            (slug, Participation.Role.IMPLEMENTING)
            for slug in spec.get("implementers", ["ilo-china-mongolia"])
        ]
        keep = []
        for slug, role in roles:
            participation, _ = Participation.objects.update_or_create(
                project=project,
                organisation=orgs[slug],
                role=role,
                defaults={"iati_ref": ILO_IATI_REF if slug == "ilo" else ""},
            )
            keep.append(participation.pk)
        Participation.objects.filter(project=project).exclude(pk__in=keep).delete()
        start = datetime.date(*spec["start"])
        if spec.get("budget") and end is not None:
            _seed_yearly_budgets(
                project, start=start, end=end, total=spec["budget"], currency=spec["budget_currency"]
            )
        if spec["slug"].startswith("rsca"):
            ProjectDocument.objects.update_or_create(
                project=project,
                url="https://www.ilo.org/rsca",
                defaults={
                    "title_en": "Responsible Supply Chains in Asia programme website",
                    "title_zh": "亚洲负责任供应链项目网站",
                    "format": "text/html",
                    "category": ProjectDocument.Category.OBJECTIVES,
                },
            )
        projects[spec["slug"]] = project
    return projects


def project_years(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The project's years: twelve months from its start, the last one ending with the project."""
    years = []
    while start <= end:
        try:
            following = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            following = start.replace(year=start.year + 1, day=28)
        years.append((start, min(end, following - datetime.timedelta(days=1))))
        start = following
    return years


BUDGET_SPLIT_NOTE = (
    "Indicative: the programme's documents give only the total (EUR 9 million over three years), shown "
    "here in equal yearly parts because IATI budgets cover at most one year. "
)


def _seed_yearly_budgets(
    project: Project, *, start: datetime.date, end: datetime.date, total: Decimal, currency: str
) -> None:
    """One indicative budget per project year (IATI: a budget period is at most one year), the total divided equally."""
    years = project_years(start, end)
    share = (total / len(years)).quantize(Decimal("0.01"))
    keep = []
    for index, (year_start, year_end) in enumerate(years):
        value = total - share * (len(years) - 1) if index == len(years) - 1 else share
        budget, _ = Budget.objects.update_or_create(
            project=project,
            period_start=year_start,
            defaults={
                "period_end": year_end,
                "value": value,
                "currency": currency,
                "value_date": start,
                "type": Budget.Type.ORIGINAL,
                "status": Budget.Status.INDICATIVE,
                "source": BUDGET_SPLIT_NOTE + S1,
            },
        )
        keep.append(budget.pk)
    Budget.objects.filter(project=project).exclude(pk__in=keep).delete()


def seed_programme(orgs: dict[str, Organisation], projects: dict[str, Project]) -> Programme:
    fields = {k: v for k, v in PROGRAMME.items() if k != "slug"}
    programme, _ = Programme.objects.update_or_create(
        slug=PROGRAMME["slug"],
        defaults={
            **fields,
            "donor": orgs["european-union"],
            "regional_project": projects["rsca-regional"],
            "country_project": projects["rsca-china"],
        },
    )
    programme.countries.set(Country.objects.filter(iso2__in=RSCA_COUNTRIES))
    programme.sectors.set(Sector.objects.filter(is_focus=True))
    for order, (slug, group, label_en, label_zh, role_en, role_zh, source) in enumerate(PARTNERS):
        key: dict[str, Any] = {"programme": programme, "organisation": orgs[slug] if slug else None}
        if slug is None:
            key["label_en"] = label_en
        ProgrammePartner.objects.update_or_create(
            **key,
            defaults={
                "group": group,
                "label_zh": label_zh,
                "role_en": role_en,
                "role_zh": role_zh,
                "order": order,
                "source": source,
                **({} if slug else {"label_en": label_en}),
            },
        )
    for order, (code, name_en, name_zh, description_en, description_zh) in enumerate(AREAS):
        InterventionArea.objects.update_or_create(
            programme=programme,
            code=code,
            defaults={
                "order": order,
                "name_en": name_en,
                "name_zh": name_zh,
                "description_en": description_en,
                "description_zh": description_zh,
                "source": S0,
            },
        )
    return programme


def seed_results(project: Project) -> int:
    nodes: dict[str, ResultNode] = {}
    for order, (code, level, parent, area, title_en, title_zh, source) in enumerate(RESULTS):
        node, _ = ResultNode.objects.update_or_create(
            project=project,
            code=code,
            defaults={
                "level": level,
                "parent": nodes[parent] if parent else None,
                "intervention_area": area,
                "title_en": title_en,
                "title_zh": title_zh,
                "order": order,
                "source": source,
            },
        )
        nodes[code] = node
    indicators: dict[str, Indicator] = {}
    for order, spec in enumerate(INDICATORS):
        defaults = {k: v for k, v in spec.items() if k not in ("node", "code")}
        indicator, _ = Indicator.objects.update_or_create(
            node=nodes[spec["node"]],
            code=spec["code"],
            defaults={
                **defaults,
                "order": order,
                "baseline_date": project.planned_start,
                "baseline_value": Decimal(0),
                "baseline_note_en": "Start of the project: nothing delivered yet.",
                "baseline_note_zh": "项目开始时：尚无产出。",
            },
        )
        indicators[spec["code"]] = indicator
        for start, end in YEAR_PERIODS:
            IndicatorPeriod.objects.get_or_create(indicator=indicator, start=start, defaults={"end": end})
    for code, index, actual, disaggregation, evidence_en, evidence_zh in MANUAL_ACTUALS:
        start, _end = YEAR_PERIODS[index]
        period = IndicatorPeriod.objects.get(indicator=indicators[code], start=start)
        period.actual = actual
        period.evidence_en, period.evidence_zh = evidence_en, evidence_zh
        period.save()
        for (dimension, label), value in disaggregation.items():
            period.disaggregations.update_or_create(
                kind="actual", dimension=dimension, value_label=label, defaults={"value": value}
            )
    return len(indicators)


@transaction.atomic
def seed_reference(out: Any) -> None:
    orgs = seed_organisations()
    projects = seed_projects(orgs)
    programme = seed_programme(orgs, projects)
    count = seed_results(projects["rsca-china"])
    out.write(
        f"  programme: {programme.acronym}, partners {programme.partners.count()}, "
        f"portfolio projects {len(projects)}, indicators {count}"
    )


DEMO_PERIOD = (datetime.date(2025, 1, 1), datetime.date(2026, 12, 31))  # earlier demo seeds used it; removed
# Yearly targets for the demonstration, one a year of the programme (its milestones). The programme's documents
# state no targets, so these are marked as illustrative wherever they are shown.
DEMO_TARGETS: dict[str, tuple[int | None, int | None, int | None]] = {
    "I1.2.a": (100, 150, 150),
    "I1.2.b": (20, 30, 30),
    "I1.a": (10, 10, 10),
    "I1.b": (4, 4, 4),
    "I3.a": (5, 10, 15),
    "I3.b": (10, 20, 30),
    "I3.c": (10, 20, 30),
    "I1.1.a": (None, None, 2),
    "I2.1.a": (1, None, None),
    "I3.1.a": (1, 2, 2),
}
DEMO_TARGET_EN = "Illustrative target for the demonstration: the programme's documents state no targets."
DEMO_TARGET_ZH = "演示用的示意目标：项目文件未载明目标值。"


def seed_demo(out: Any) -> None:
    """Yearly targets (marked illustrative) on the RSCA China logframe within the programme's period, and corrective
    actions on the compliance demo check, one of them confirmed by the demo buyer; removes the demo period of
    earlier seeds that lay outside the project's dates (IATI refuses results after an activity ends)."""
    project = Project.objects.filter(slug="rsca-china").first()
    if project is None:
        out.write("  programme demo: skipped (no RSCA China project)")
        return
    IndicatorPeriod.objects.filter(
        indicator__node__project=project, start=DEMO_PERIOD[0], end=DEMO_PERIOD[1]
    ).delete()
    targets = 0
    for indicator in Indicator.objects.filter(node__project=project, code__in=DEMO_TARGETS):
        for (start, _end), target in zip(YEAR_PERIODS, DEMO_TARGETS[indicator.code], strict=True):
            period = IndicatorPeriod.objects.filter(indicator=indicator, start=start).first()
            if period is None or target is None or period.target is not None:
                continue
            period.target = Decimal(target)
            period.comment_en, period.comment_zh = DEMO_TARGET_EN, DEMO_TARGET_ZH
            period.save()
            targets += 1
    actions = _seed_demo_corrective_actions()
    from rsca.programme.services import indicator_actuals_refresh

    changed = indicator_actuals_refresh(project=project, force=True)
    out.write(
        f"  programme demo: {targets} illustrative yearly target(s) within {YEAR_PERIODS[0][0]}–"
        f"{YEAR_PERIODS[-1][1]}, {actions} corrective action(s), {changed} computed period(s) changed"
    )


def _seed_demo_corrective_actions() -> int:
    """On the compliance demo check (if there is one): the supplier plans actions for its two most frequent
    finding types and finishes one; the demo buyer confirms that one."""
    try:
        from rsca.compliance import services as compliance
        from rsca.compliance.models import ComplianceCheck, CorrectiveAction, Finding
        from rsca.compliance.seed import DEMO_LABEL
    except ImportError:
        return 0
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["supplier", "buyer"])}
    check = ComplianceCheck.objects.filter(label=DEMO_LABEL, status=ComplianceCheck.Status.DONE).first()
    if check is None or "supplier" not in users:
        return 0
    codes = [
        row["code"]
        for row in Finding.objects.filter(upload=check)
        .values("code")
        .annotate(n=Count("id"))
        .order_by("-n", "code")[:2]
    ]
    hours = (
        "Peak-season orders were accepted without planning extra staff (demo).",
        "Hire seasonal workers before September and cap overtime in the scheduling system (demo).",
        "HR manager (demo)",
    )
    pay = (
        "Pay rates and overtime premiums were not updated with the local rules (demo).",
        "Review every pay grade and the overtime premiums each quarter; pay the arrears (demo).",
        "Finance manager (demo)",
    )
    plans = {
        "weekly_hours_over_60": hours,
        "monthly_overtime_cap_exceeded": hours,
        "daily_overtime_exceeded": hours,
        "no_rest_day_in_7": hours,
        "below_minimum_wage": pay,
        "overtime_premium_underpaid": pay,
    }
    generic = (
        "Management system gap found by the check (demo).",
        "Fix the procedure and train the staff (demo).",
        "Compliance officer (demo)",
    )
    due = [datetime.date(2025, 12, 31), datetime.date(2026, 3, 31)]
    for index, code in enumerate(codes):
        action = CorrectiveAction.objects.filter(compliance_check=check, finding_code=code).first()
        if action is None:
            root_cause, plan, responsible = plans.get(code, generic)
            action = compliance.corrective_action_create(
                check=check,
                finding_code=code,
                root_cause=root_cause,
                action=plan,
                responsible=responsible,
                due_date=due[index],
                by=users["supplier"],
            )
        if index == 0 and not action.is_verified:
            if action.status != CorrectiveAction.Status.DONE:
                compliance.corrective_action_update(
                    corrective_action=action,
                    by=users["supplier"],
                    status="done",
                    evidence_note="New rota and hiring plan (demo).",
                )
            if "buyer" in users:
                compliance.corrective_action_confirm(
                    corrective_action=action, by=users["buyer"], note="Confirmed on a follow-up visit (demo)."
                )
    return len(codes)
