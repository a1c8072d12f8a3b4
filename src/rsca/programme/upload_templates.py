"""The upload templates of the platform's importers (found by `rsca.core.templates_files.upload_kinds`).

Columns and Chinese headers come from each importer's own declarations (imported below), so a template never
drifts from what its importer reads; this module adds what a person filling the file needs: the meaning of every
column in both languages, an example, and sample rows that import cleanly. It lives in the programme app because
the programme sits above every app that imports files and may read their declarations.
"""

from __future__ import annotations

import datetime
from typing import Any

from rsca.compliance import inputs as compliance_inputs
from rsca.core.templates_files import ColumnHelp as H
from rsca.core.templates_files import UploadKind, register
from rsca.programme import services as programme_services
from rsca.supplychain import services as supplychain_services
from rsca.training import importing as training_importing

DATE = "YYYY-MM-DD"

# --- facility list --------------------------------------------------------------------------------------

FACILITY_HELP = {
    "name": H(
        "工厂名称",
        "Facility name as on its business licence, in English or Chinese.",
        "营业执照上的工厂名称，中文或英文。",
        "Shenzhen Huayang Precision Electronics Co., Ltd.",
    ),
    "address": H(
        "工厂地址",
        "Full street address with city and province.",
        "包括城市和省份的完整地址。",
        "No. 8 Keji Road, Bao'an District, Shenzhen, Guangdong",
    ),
    "country": H("国家/地区", "Country name or ISO code.", "国家名称或ISO代码。", "China / CN / 中国"),
    "sector": H(
        "行业", "Sector, e.g. Electronics, Apparel, Textiles.", "行业，例如电子、服装、纺织。", "Electronics"
    ),
    "product_type": H("产品类型", "Type of products made.", "所生产的产品类型。", "Printed circuit boards"),
    "facility_type": H(
        "工厂类型",
        "Kind of facility (final assembly, component, raw material).",
        "工厂类型（成品组装、零部件、原材料）。",
        "Final product assembly",
    ),
    "processing_type": H(
        "加工类型", "Processing done on site.", "现场进行的加工类型。", "Surface-mount assembly"
    ),
    "number_of_workers": H(
        "工人数量", "Number of workers (a number or a range).", "工人数量（数字或范围）。", "350"
    ),
    "native_language_name": H(
        "中文名称",
        "Name in the local language (Chinese).",
        "当地语言（中文）名称。",
        "深圳华阳精密电子有限公司",
    ),
    "parent_company": H("母公司", "Parent company, if any.", "母公司（如有）。", ""),
    "lat": H("纬度", "Latitude (decimal degrees).", "纬度（十进制度）。", "22.5559"),
    "lng": H("经度", "Longitude (decimal degrees).", "经度（十进制度）。", "113.8830"),
    "native_language_address": H(
        "中文地址",
        "Address in the local language (Chinese).",
        "当地语言（中文）地址。",
        "广东省深圳市宝安区科技路8号",
    ),
    "tier": H(
        "层级",
        "Supply-chain tier: 1 for direct suppliers, 2 for their suppliers …",
        "供应链层级：直接供应商为1，其供应商为2，依此类推。",
        "1",
    ),
    "products": H(
        "产品", "What this facility supplies to you.", "该工厂向贵方供应的产品。", "Smart speaker main boards"
    ),
    "volume_share": H(
        "采购份额",
        "Share of your purchases of these products from this facility, in per cent.",
        "贵方该类产品采购中来自该工厂的份额（百分比）。",
        "35",
    ),
}

# Six China rows of a real facility list a brand published on Open Supply Hub (list-10, MIT licence,
# github.com/opensupplyhub/open-supply-hub), as the brand wrote them.
FACILITY_SAMPLE = [
    [
        "China",
        "Yi Chang Tai (Shenzhen) Garment Factory",
        "1-2/F,Block 1,Liantang Industrial Park,48 Kangzheng Road,Danzhutou,Nanwan,Long Gang Qu,Shenzhen,Guangdong "
        "Province",
        "Apparel",
    ],
    [
        "China",
        "Jiangsu Golden Empire Apparelparel Co.,Ltd",
        "11 Changjiang Road,Yancheng Economy Development Zone,Yancheng,Jiangsu Province",
        "Apparel",
    ],
    [
        "China",
        "Dragon-Jety Garments (Shenzhen) Co.,Ltd",
        "130 Watergate Lane,Ping Wu Industrial Zone,Shenzhen,Guangdong Province",
        "Apparel",
    ],
    [
        "China",
        "Hai Ning Yue Li Socks Co.,Ltd",
        "19-20,Wan Ye Industry Zone,No. 368 Luo Long Road,Hai Ning City,Jiaxing,Zhejiang Province",
        "Apparel",
    ],
    [
        "China",
        "Shanghai Conch Apparelparel Co.,Ltd",
        "2085 Liuxiang Road,Jiading District,Shanghai",
        "Apparel",
    ],
    ["China", "Shanghai Big River Knitwear Co.,Ltd", "2799 Humin Road,Shanghai", "Apparel"],
]

register(
    UploadKind(
        key="facility-list",
        title_en="Facility list",
        title_zh="工厂清单",
        required=supplychain_services.REQUIRED_COLUMNS,
        optional=supplychain_services.OPTIONAL_COLUMNS,
        aliases=supplychain_services.COLUMN_ALIASES,
        help=FACILITY_HELP,
        sample_columns=["country", "name", "address", "sector"],
        sample_rows=lambda: [list(r) for r in FACILITY_SAMPLE],
        note_en="Sample: six China rows of a facility list a brand published on Open Supply Hub (MIT licence).",
        note_zh="示例：某品牌在开放供应中心（Open Supply Hub）公开的工厂清单中的六行中国数据（MIT 许可）。",
    )
)

# --- roster, time records, payroll ---------------------------------------------------------------------

BOOL = "true/false"
ROSTER_HELP = {
    "worker_id": H(
        "工号",
        "The worker's number in your records (pseudonymised on upload; never a name).",
        "贵方记录中的工号（上传时做假名化处理；不要填写姓名）。",
        "E0001",
    ),
    "birth_date": H("出生日期", f"Date of birth, {DATE}.", f"出生日期，格式 {DATE}。", "1996-04-12"),
    "sex": H("性别", "female / male (or blank).", "female（女）/ male（男），可留空。", "female"),
    "hire_date": H("入职日期", f"Date hired, {DATE}.", f"入职日期，格式 {DATE}。", "2018-03-01"),
    "contract_signed_date": H(
        "劳动合同签订日期",
        f"Date the written contract was signed, {DATE}; blank if none.",
        f"书面劳动合同签订日期，格式 {DATE}；未签订则留空。",
        "2018-03-01",
    ),
    "termination_date": H(
        "离职日期",
        f"Date employment ended, {DATE}; blank while employed.",
        f"劳动关系终止日期，格式 {DATE}；在职则留空。",
        "",
    ),
    "job_title": H("岗位", "Job title.", "岗位名称。", "SMT operator"),
    "social_insurance_enrolled": H(
        "是否参加社会保险",
        f"Enrolled in social insurance ({BOOL}).",
        "是否参加社会保险（true/false）。",
        "true",
    ),
    "is_student_worker": H(
        "是否学生工", f"Student worker or intern ({BOOL}).", "是否为学生工或实习生（true/false）。", "false"
    ),
    "department": H("部门", "Department.", "部门。", "SMT"),
    "hazardous_work": H(
        "是否从事有害作业",
        f"Job is work nobody under 18 may do ({BOOL}).",
        "该岗位是否属于未满18周岁者不得从事的作业（true/false）。",
        "false",
    ),
}
TIME_HELP = {
    "worker_id": ROSTER_HELP["worker_id"],
    "date": H(
        "日期",
        f"The day worked, {DATE}; one row per worker and day.",
        f"工作日期，格式 {DATE}；每名工人每天一行。",
        "2019-03-04",
    ),
    "hours": H("工时", "Hours actually worked that day (0 to 24).", "当天实际工作小时数（0至24）。", "10"),
    "start_time": H("上班时间", "Start time, HH:MM.", "上班时间，格式 HH:MM。", "08:00"),
    "end_time": H("下班时间", "End time, HH:MM.", "下班时间，格式 HH:MM。", "19:00"),
}
MONEY = "Amount in the currency column."
PAYROLL_HELP = {
    "worker_id": ROSTER_HELP["worker_id"],
    "period_start": H(
        "工资期开始", f"First day of the pay period, {DATE}.", f"工资期第一天，格式 {DATE}。", "2019-03-01"
    ),
    "period_end": H(
        "工资期结束", f"Last day of the pay period, {DATE}.", f"工资期最后一天，格式 {DATE}。", "2019-03-31"
    ),
    "base_pay": H(
        "基本工资", f"Pay for normal hours. {MONEY}", "正常工作时间工资。以货币列所示币种计。", "2200"
    ),
    "overtime_pay": H("加班工资", f"Overtime pay. {MONEY}", "加班工资。以货币列所示币种计。", "650"),
    "allowances": H(
        "津贴", f"Allowances (meals, housing, shifts). {MONEY}", "津贴（餐费、住房、轮班等）。", "300"
    ),
    "deductions": H(
        "扣款",
        f"Deductions (social insurance, tax, dormitory). {MONEY}",
        "扣款（社会保险、个税、宿舍等）。",
        "420",
    ),
    "net_pay": H("实发工资", f"Net pay received. {MONEY}", "实际发放工资。", "2730"),
    "currency": H("币种", "ISO currency code.", "ISO 货币代码。", "CNY"),
}

SAMPLE_MONTH = datetime.date(2019, 3, 1)  # inside the programme's period (December 2017 – December 2020)
SAMPLE_WORKERS = [
    # worker_id, birth_date, sex, hire_date, contract, job_title, insured, student, department, daily hours
    ("E0001", "1990-05-18", "female", "2016-07-01", "2016-07-01", "SMT operator", "true", "false", "SMT", 10),
    ("E0002", "1995-11-02", "male", "2017-03-15", "2017-03-15", "Line leader", "true", "false", "SMT", 9),
    (
        "E0003",
        "1998-01-23",
        "female",
        "2018-09-01",
        "2018-09-01",
        "Quality inspector",
        "true",
        "false",
        "QC",
        8,
    ),
    (
        "E0004",
        "1987-08-09",
        "male",
        "2015-02-20",
        "2015-02-20",
        "Maintenance technician",
        "true",
        "false",
        "Maintenance",
        9,
    ),
    ("E0005", "2000-06-30", "female", "2018-12-01", "", "Packer", "false", "false", "Packing", 11),
]


def _sample_days() -> list[datetime.date]:
    """Monday to Saturday of the sample month (Sundays off)."""
    day, days = SAMPLE_MONTH, []
    while day.month == SAMPLE_MONTH.month:
        if day.weekday() < 6:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def roster_sample() -> list[list[Any]]:
    return [[w[0], w[1], w[2], w[3], w[4], "", w[5], w[6], w[7], w[8], "false"] for w in SAMPLE_WORKERS]


def time_sample() -> list[list[Any]]:
    rows = []
    for w in SAMPLE_WORKERS:
        hours = w[9]
        for day in _sample_days():
            end = 8 + hours + 1  # one hour's lunch break
            rows.append([w[0], day.isoformat(), str(hours), "08:00", f"{end:02d}:00"])
    return rows


def payroll_sample() -> list[list[Any]]:
    rows = []
    last = (SAMPLE_MONTH.replace(month=SAMPLE_MONTH.month + 1) - datetime.timedelta(days=1)).isoformat()
    for index, w in enumerate(SAMPLE_WORKERS):
        base = 2200 + 150 * index
        overtime = round(max(0, w[9] - 8) * len(_sample_days()) * base / 21.75 / 8 * 1.5)
        allowances, deductions = 300, 420 if w[6] == "true" else 60
        rows.append(
            [
                w[0],
                SAMPLE_MONTH.isoformat(),
                last,
                str(base),
                str(overtime),
                str(allowances),
                str(deductions),
                str(base + overtime + allowances - deductions),
                "CNY",
            ]
        )
    return rows


for _key, _title_en, _title_zh, _help, _sample in (
    ("roster", "Roster", "花名册", ROSTER_HELP, roster_sample),
    ("time", "Time records", "考勤记录", TIME_HELP, time_sample),
    ("payroll", "Payroll", "工资表", PAYROLL_HELP, payroll_sample),
):
    # The sample fills the columns described above; columns the importer gains later stay in the templates.
    _schema = compliance_inputs.SCHEMAS[_key]
    register(
        UploadKind(
            key=_key,
            title_en=_title_en,
            title_zh=_title_zh,
            required=_schema["required"],
            optional=_schema["optional"],
            aliases=compliance_inputs.ALIASES,
            help=_help,
            sample_columns=list(_help),
            sample_rows=_sample,
            note_en="Sample: five workers of a fictional electronics factory in March 2019 (roster, time records and "
            "payroll belong together).",
            note_zh="示例：一家虚构电子厂五名工人2019年3月的数据（花名册、考勤记录和工资表相互对应）。",
        )
    )

# --- participants --------------------------------------------------------------------------------------

PARTICIPANT_HELP = {
    "name": H("姓名", "Full name.", "姓名。", "王芳"),
    "sex": H(
        "性别",
        "female / male / other, or 女 / 男; blank if not said.",
        "女 / 男 / 其他；未说明可留空。",
        "女",
    ),
    "organisation": H(
        "工作单位", "Organisation the person works for.", "所在单位。", "深圳华阳精密电子有限公司"
    ),
    "constituent_type": H(
        "单位类型",
        "government, employers' organisation, workers' organisation, enterprise, "
        "academia, civil society, international organisation or other (English or Chinese).",
        "政府、雇主组织、工人组织、企业、学术机构、民间社会、国际组织或其他（中英文均可）。",
        "企业",
    ),
    "role": H("职务", "Job title or role.", "职务或岗位。", "HR manager"),
    "sector": H(
        "行业",
        "Electronics, textiles or garments (or an ISIC code).",
        "电子、纺织或服装（或ISIC代码）。",
        "电子",
    ),
    "province": H("省份", "Province (name in Chinese or English).", "省份（中文或英文名称）。", "广东"),
    "email": H(
        "电子邮箱",
        "E-mail address (used to recognise the same person).",
        "电子邮箱（用于识别同一人）。",
        "wang.fang@example.cn",
    ),
    "facility_id": H(
        "工厂编号",
        "The facility's platform ID, if the person works at a registered facility.",
        "如参与者在平台已登记的工厂工作，填写工厂编号。",
        "",
    ),
    "attended": H("是否出席", "yes / no (blank means attended).", "是 / 否（留空表示出席）。", "是"),
}
PARTICIPANT_SAMPLE = [
    [
        "王芳",
        "女",
        "深圳华阳精密电子有限公司",
        "企业",
        "人力资源经理",
        "电子",
        "广东",
        "wang.fang@example.cn",
        "是",
    ],
    [
        "Li Qiang",
        "male",
        "Jiangsu Provincial Department of Human Resources and Social Security",
        "government",
        "Labour inspector",
        "",
        "Jiangsu",
        "li.qiang@example.cn",
        "yes",
    ],
    [
        "陈静",
        "女",
        "东莞市纺织服装行业协会",
        "行业协会",
        "秘书长",
        "服装",
        "广东",
        "chen.jing@example.cn",
        "是",
    ],
    ["赵磊", "男", "苏州工业园区总工会", "工会", "干事", "", "江苏", "zhao.lei@example.cn", "否"],
    [
        "Zhou Min",
        "female",
        "Chinese Academy of Labour and Social Security",
        "academia",
        "Researcher",
        "",
        "Beijing",
        "zhou.min@example.cn",
        "yes",
    ],
]

register(
    UploadKind(
        key="participants",
        title_en="Participant list",
        title_zh="参与者名单",
        required=training_importing.REQUIRED,
        optional=training_importing.OPTIONAL,
        aliases=training_importing.ALIASES,
        help=PARTICIPANT_HELP,
        sample_columns=[
            "name",
            "sex",
            "organisation",
            "constituent_type",
            "role",
            "sector",
            "province",
            "email",
            "attended",
        ],
        sample_rows=lambda: [list(r) for r in PARTICIPANT_SAMPLE],
        note_en="Sample: five fictional participants written as partners write them, in Chinese and English.",
        note_zh="示例：五名虚构参与者，按合作方的常见写法以中英文填写。",
    )
)

# --- indicator values ----------------------------------------------------------------------------------

INDICATOR_HELP = {
    "indicator": H(
        "指标", "Indicator code in the project's results framework.", "项目成果框架中的指标代码。", "I3.1.a"
    ),
    "period_start": H(
        "开始", f"First day of the reporting period, {DATE}.", f"报告期第一天，格式 {DATE}。", "2019-01-01"
    ),
    "period_end": H(
        "结束", f"Last day of the reporting period, {DATE}.", f"报告期最后一天，格式 {DATE}。", "2019-12-31"
    ),
    "target": H("目标", "Target for the period (a number).", "该期间的目标值（数字）。", "4"),
    "actual": H(
        "实际", "Actual value reached (manual indicators only).", "实际达到的值（仅限人工填报指标）。", "3"
    ),
    "evidence": H("证据", "Where the value comes from.", "数值的依据。", "Forum report, November 2019"),
    "evidence_url": H("证据链接", "Link to the evidence.", "证据链接。", "https://www.ilo.org/beijing"),
    "dimension": H(
        "维度",
        "Disaggregation dimension (sex, sector, province …), with dimension_value.",
        "分列维度（性别、行业、省份等），与维度值一起填写。",
        "sector",
    ),
    "dimension_value": H("维度值", "Value of the dimension.", "维度的取值。", "Electronics"),
}
INDICATOR_SAMPLE = [
    ["I3.1.a", "2017-12-15", "2018-12-31", "2", "", "", "", "", ""],
    ["I3.1.a", "2019-01-01", "2019-12-31", "3", "", "", "", "", ""],
    ["I3.1.a", "2020-01-01", "2020-12-14", "2", "", "", "", "", ""],
    [
        "I1.1.a",
        "2020-01-01",
        "2020-12-14",
        "2",
        "2",
        "Two sector research reports conducted by CALSS with the support of MOHRSS",
        "https://www.ilo.org/rsca",
        "",
        "",
    ],
    [
        "I2.1.a",
        "2017-12-15",
        "2018-12-31",
        "1",
        "1",
        "MoU signed with MOHRSS on 25 May 2018",
        "https://www.ilo.org/beijing/information-resources/public-information/WCMS_630563/lang--en/index.htm",
        "",
        "",
    ],
]

register(
    UploadKind(
        key="indicator-values",
        title_en="Indicator values",
        title_zh="指标数值",
        required=programme_services.IMPORT_REQUIRED,
        optional=programme_services.IMPORT_OPTIONAL,
        aliases=programme_services.IMPORT_ALIASES,
        help=INDICATOR_HELP,
        sample_columns=[*programme_services.IMPORT_REQUIRED, *programme_services.IMPORT_OPTIONAL],
        sample_rows=lambda: [list(r) for r in INDICATOR_SAMPLE],
        note_en="Sample: yearly targets and actuals of the RSCA China results framework.",
        note_zh="示例：“亚洲负责任供应链——中国”成果框架的年度目标值和实际值。",
    )
)
