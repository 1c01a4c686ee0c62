"""Findings (意见): two or three 值得肯定 and 需要关注 per section, in the seeds' own tone.

The texts live here as banks per section, apart from the code that picks them. A text about a
片区 may quote that 片区's communities and registration figures from the indicators, so the
findings never contradict the data beside them. A section without its own bank (a scheme may
add one) borrows 项目管理's. 结语 is a list of suggestions only, drawn apart by `closing`.
"""

from __future__ import annotations

import random

from .._model import CLOSING, Finding, FindingKind, IndicatorRow, Zone
from .._scheme import Scheme
from .indicators import REGISTRATION

__all__ = ["closing", "findings"]

_Bank = tuple[tuple[str, ...], tuple[str, ...]]  # (值得肯定, 需要关注)
_BANKS: dict[str, _Bank] = {
    "项目管理": (
        (
            "项目负责人持有社会工作者职业水平中级证书，熟悉辖区情况，能够统筹各片区的服务安排。",
            "社工站建立了个案、小组、社区活动等专业服务的规范流程和指引，抽查的服务文书能够反映相应流程的落实。",
            "社工站重视继续教育，结合社工成长需求制定年度培训计划，通过督导、培训、共学等形式提升团队专业能力。",
            "社工站重视项目宣传工作，通过社区宣传栏、微信公众号、社区微信群等多种渠道推广社工站服务。",
            "社工站重视中期评估意见，针对项目管理方面的问题逐项制定整改措施，整改效果较为明显。",
            "社工站行政、人事管理制度较为健全，档案资料分类归档，查阅便利。",
        ),
        (
            "建议社工站依据《广州市社工服务站管理办法》的要求设定人员岗位，按岗位职责落实日常工作，保留好相关工作痕迹。",
            "部分服务文书的督导意见未见社工回复痕迹，建议社工站完善文书审阅与反馈流程，确保意见得到落实。",
            "社工站设置了意见箱，但收集到的服务对象意见较少，建议通过探访、电访、活动等多种途径收集意见，定期汇总并及时反馈。",
            "建议社工站将社工专业伦理价值规范和服务对象权益保障纳入绩效考核，并以测试、案例讨论等形式开展考核。",
            "个别社工的劳动合同、社保缴纳等人事资料不够完整，建议社工站及时核对并补充完善。",
            "建议社工站加强对人员流动的预判和人才储备，减少岗位空缺对服务连续性的影响。",
        ),
    ),
    "服务质量": (
        (
            "社工对{communities}的困难群众和特殊群体实现建档全覆盖，共建档{households}户{people}人，并能按照分级标准开展探访、电访跟进。",
            "社工运用问卷、访谈、社区观察等多种方式开展需求调研，绘制了服务对象分布图、社区资源图和社区问题地图，对社区情况掌握较为全面。",
            "探访工作执行有力，记录详尽，社工能在探访中及时发现问题并联动资源予以解决，跟踪回访机制执行较好。",
            "社工具备“五社联动”意识，注重与辖区学校、社区社会组织和驻地单位联动，为困难群体提供政策宣传、物资帮扶和资源链接等服务。",
            "社工聚焦“一老一小”需求开展片区特色服务，服务思路清晰，项目推进有序，获得服务对象和社区居委的肯定。",
            "针对个别特殊困难家庭和突发事件，社工能及时以个案形式介入，协调多方资源，凸显专业性。",
            "社工积极培育社区志愿者队伍，联动志愿者开展入户探访和社区活动，志愿服务参与度较高。",
            "片区各社工点的个案、小组和社区活动能够围绕片区重点问题开展，服务之间衔接较好。",
        ),
        (
            "服务设计的区分度和逻辑性有待加强，建议各社工点在充分分析社区资源及服务对象特点的基础上做好差异化服务设计。",
            "部分档案中服务对象需求分析不够充分、分级评估填写不够准确，建议社工定期开展需求评估并及时更新档案。",
            "“双工联动”的工作痕迹记录较为模糊，建议与事务性岗位社工加强资讯互通，完善政策宣传和探访记录的归档。",
            "片区特色亮点打造有待加强，建议聚焦社区共性问题，提炼服务经验，形成片区特色服务。",
            "个案、小组的目标设计不够具体，建议按照SMART原则设定目标，并完善成效评估方式。",
            "部分电访记录内容较为简单，建议提升电访质量，避免将节日问候等简单联系计入电访。",
            "建议加强典型案例和服务成果的总结提炼，以凸显片区服务成效。",
            "片区服务计划较为简略，调研方法稍显粗略，建议细化服务策略，聚焦社区治理议题。",
        ),
    ),
    "服务监测": (
        (
            "经对服务对象名册随机抽取服务对象开展满意度调查，服务对象普遍对社工的服务态度和服务内容表示满意。",
            "新登记志愿者均已在“i志愿”或广州公益时间平台完成注册，志愿者骨干有个人信息表和成长记录。",
            "社工站协助社区设立社区慈善基金，并联动社区居委、驻地单位开展社区慈善活动，社区慈善氛围良好。",
            "新培育的社区社会组织均已在街道完成登记备案，组织架构和活动记录较为完整。",
            "社工站定期对服务对象开展回访，能够根据回访意见调整服务安排。",
        ),
        (
            "建议社工站进一步完善志愿者档案整理，补充平台活动截图、签到签退记录及骨干培育计划等材料。",
            "有部分服务对象表示电访过于频繁，建议社工以适当方式接触服务对象，维系良好关系。",
            "社区慈善基金的协议、管委会会议记录等文书痕迹不够完整，建议补充归档。",
            "志愿者骨干的培育目标与实际培育过程未能一一对应，建议理顺骨干培育的逻辑并完善评定材料。",
            "建议社工站规范“五社联动”相关文书材料的整理，对社区社会组织和志愿服务队伍独立建档。",
        ),
    ),
    "服务成效": (
        (
            "社工站党员社工积极参与社区党组织活动，联动党员志愿者认领微心愿，关怀辖区困难群众。",
            "社工站对辖区困难群众和特殊群体实行全覆盖建档，依据分级要求开展持续性服务，兜底保障网络较为严密。",
            "社工站积极探索“双岗双工”联动机制，与事务性岗位社工共同落实政策宣传、入户探访等兜底民生服务。",
            "社工站注重服务成果的总结提炼，编撰典型案例集，并在区级以上媒体发布多篇宣传报道。",
            "社工站整合社区资源开展特色服务，形成了较为鲜明的服务亮点，社会影响力逐步提升。",
        ),
        (
            "建议社工站在上级党组织指导下积极推动社工站党支部建设，规范开展党员社工的教育和管理。",
            "片区共性需求与特色亮点打造的关联度不高，建议强化服务重心下沉，以社区需求评估为基础设计服务。",
            "社会慈善资源链接欠缺制度和指引，资源来源记录不够清晰，建议完善相关制度并明确资源来源。",
            "“红棉守护”热线欠缺服务机制指引，建议建立健全热线服务机制并做好服务记录。",
            "建议加强实务研究和经验总结，争取产出高质量的研究成果和公开发表文章。",
        ),
    ),
    "购买方": (
        (
            "社工站能够主动推进各项工作，积极配合街道各部门开展工作。",
            "社工站及时完善兜底群众档案，积极跟进群众需求。",
            "社工站对街道突发公共事件提供有力支持，能第一时间介入了解情况。",
            "社工站结合社区特色开展活动，居民参与度较高。",
            "社工站能有效运用机构资源，培育社区力量参与公益慈善活动。",
        ),
        (
            "建议加大“双岗联动”力度，联动直聘社工主动开展社区摸查和入户调查工作。",
            "建议深入了解社区公共需求，指导各社区用好社区慈善基金。",
            "部分服务档案欠缺完善，兜底群众需求分析不够深入。",
            "建议社工站积极扩展服务范围，让更多居民了解社工站。",
            "建议社工站加强与社区居委的日常沟通，及时通报服务进展。",
        ),
    ),
    "督导中心": (
        (
            "项目团队通过督导、培训、共学等形式为新手社工和片长提供分级分类的专业支持，团队学习氛围较好。",
            "社工站建立了较完善的安全管理机制，按要求落实安全检查和应急演练，社工安全意识较强。",
            "社工站重视服务宣传，主动利用各级媒体和行业平台报道服务，注重宣传典型案例。",
            "社工站制定了“双工联动”方案，明确了联动内容、形式和频率，服务协作较为紧密。",
            "社工站完善了项目备案机制，定期向购买方汇报项目进度，双向沟通机制较为顺畅。",
        ),
        (
            "建议进一步完善社工专业成长体系规划，建立执行监测机制，定期总结反思。",
            "“双工联动”的深度和广度仍有待提升，建议深化与直聘社工的服务联动。",
            "建议加强内部管理，及时公示整合链接的社会资源及服务对象受益情况。",
            "建议加强对社工参与行业培训的监测，保障全员参训并做好签到记录。",
            "建议发挥资深社工的专业优势，加强实务研究和经验总结。",
        ),
    ),
    "监督方": (
        (
            "社工站项目配备社工较稳定，与街道、社区沟通良好，能掌握社区概况并顺利推动相关服务。",
            "社工站已实现困难群众和特殊群体建档全覆盖，服务对象满意度较高。",
            "社工站能按要求报送各类数据和材料，配合区民政局开展各项督查工作。",
            "社工站能够按照督查意见及时开展自查自纠并落实整改。",
        ),
        (
            "社工站要注意及时在社工智慧管理平台更新各项基础信息和服务记录。",
            "社工站需进一步加强片区服务成果及疑难案例产出，根据新服务模式要求提高服务质量。",
            "社工站要加强辖区内困难群众和特殊群体的跟进服务，优化服务跟进频次有关制度。",
            "社工站要进一步规范人员管理，确保人员变动及时报备。",
        ),
    ),
}


# 结语: suggestions for the next contract year, as the seeds close their reports.
_CLOSING: tuple[str, ...] = (
    "建议社工站积极推动组建社工站党支部，在上级党组织指导下规范开展党员社工的教育和管理，以党建引领社工站服务。",
    "建议社工站进一步聚焦辖区困难群众和特殊群体的兜底服务，按分级要求落实探访频次，做到早发现、早介入。",
    "建议社工站加强片区特色服务的总结提炼，形成可复制、可推广的服务模式，提升社工站的社会影响力。",
    "建议社工站持续深化“五社联动”，培育社区社会组织和志愿者骨干，用好社区慈善基金，激发社区内生动力。",
    "建议社工站完善人才培养和激励机制，稳定服务团队，鼓励社工考取更高等级的职业水平证书。",
    "建议社工站规范服务档案和文书管理，及时在社工智慧管理平台更新服务记录，确保数据真实、完整。",
)


def _zone_facts(zone: Zone, indicators: tuple[IndicatorRow, ...]) -> dict[str, str]:
    facts = {"zone": zone.name, "communities": "、".join(zone.communities)}
    for row in indicators:
        if row.zone == zone.name and row.indicator == REGISTRATION:
            facts[{"户": "households", "人": "people"}.get(row.measure, row.measure)] = str(
                row.actual
            )
    return facts


def _usable(bank: tuple[str, ...], facts: dict[str, str]) -> list[str]:
    usable = []
    for template in bank:
        try:
            usable.append(template.format(**facts))
        except KeyError:
            continue  # a template that needs a figure this station does not have
    return usable


def _pick(rng: random.Random, bank: tuple[str, ...], facts: dict[str, str]) -> list[str]:
    usable = _usable(bank, facts)
    return rng.sample(usable, min(len(usable), rng.randint(2, 3)))


def findings(
    rng: random.Random,
    scheme: Scheme,
    zones: tuple[Zone, ...],
    indicators: tuple[IndicatorRow, ...],
) -> tuple[Finding, ...]:
    """2–3 值得肯定 and 2–3 需要关注 for every section (服务质量: for every 片区)."""
    rows: list[Finding] = []
    used: set[str] = set()  # a report never says the same sentence twice (another 片区 too)
    for section in scheme.sections:
        if section.name == CLOSING:
            continue  # drawn by `closing`, from its own generator
        strengths, concerns = _BANKS.get(section.name, _BANKS["项目管理"])
        for zone in zones if section.per_zone else (None,):
            facts = _zone_facts(zone, indicators) if zone is not None else {}
            for kind, bank in ((FindingKind.STRENGTH, strengths), (FindingKind.CONCERN, concerns)):
                # Drawn all the same, so the rest of the data stays as it was; a sentence already
                # used is left out, and a 片区 left with none takes the bank's first unused one.
                picked = [t for t in _pick(rng, bank, facts) if t not in used]
                if not picked:
                    picked = [t for t in _usable(bank, facts) if t not in used][:1]
                used.update(picked)
                rows += [
                    Finding(section.name, zone.name if zone else None, kind, t) for t in picked
                ]
    return tuple(rows)


def closing(rng: random.Random, scheme: Scheme) -> tuple[Finding, ...]:
    """2–3 suggestions for 结语 when the scheme has that section (需要关注: they ask for more)."""
    if scheme.section(CLOSING) is None:
        return ()
    texts = rng.sample(_CLOSING, rng.randint(2, 3))
    return tuple(Finding(CLOSING, None, FindingKind.CONCERN, text) for text in texts)
