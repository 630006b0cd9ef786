"""Which document an interpretation's title names, written the way real sites write them.

Each case: a document's title as its page shows it, an interpretation's title, and whether the
interpretation names that document. The pairs that must NOT be made are as many as those that
must: other years and editions, other batches, drafts, outside documents.
"""

from __future__ import annotations

import pytest

from analysis.titles import cited_names, cited_variants, looks_like_document, mentioned, name_of

CASES = [
    # the full title, quoted
    ("关于印发《护理服务管理办法》的通知", "《关于印发〈护理服务管理办法〉的通知》解读", True),
    (
        "北京市人民政府关于支持中医药振兴发展的意见",
        "《北京市人民政府关于支持中医药振兴发展的意见》解读",
        True,
    ),
    # the inner title of a 印发 wrapper
    (
        "江安省卫生健康委关于印发《江安省护理服务管理办法》的通知",
        "解读《江安省护理服务管理办法》",
        True,
    ),
    (
        "国家卫生健康委办公厅关于印发全国医疗质量提升实施管理办法的通知",
        "解读《全国医疗质量提升实施管理办法》",
        True,
    ),
    ("省政府办公厅关于印发江安省健康乡村建设方案的通知", "图解：《江安省健康乡村建设方案》", True),
    ("关于印发《2026年卫生健康工作要点》的通知", "一图读懂《2026年卫生健康工作要点》", True),
    ("关于印发《家庭医生签约服务规范》的通知", "【图解】家庭医生签约服务规范", True),
    ("关于印发《家庭医生签约服务规范》的通知", "图解：家庭医生签约服务规范", True),
    # every introducing word, bracketed or followed by a colon (crawlers/extract/labels.py)
    ("关于印发《家庭医生签约服务规范》的通知", "一图读懂：家庭医生签约服务规范", True),
    ("关于印发《家庭医生签约服务规范》的通知", "【一图读懂】家庭医生签约服务规范", True),
    ("关于印发《家庭医生签约服务规范》的通知", "视频解读家庭医生签约服务规范", True),
    ("关于印发《家庭医生签约服务规范》的通知", "权威解读：家庭医生签约服务规范", True),
    # 转发 wrappers, nested
    ("转发“关于印发《处方管理办法（试行）》的通知”", "解读《处方管理办法》", True),
    (
        "市卫健委转发省卫健委关于印发《院前急救管理办法》的通知",
        "《院前急救管理办法》政策解读",
        True,
    ),
    # with or without the issuer prefix or 关于
    (
        "泉阳市卫生健康委员会关于进一步加强基层医疗卫生工作的意见",
        "《关于进一步加强基层医疗卫生工作的意见》解读",
        True,
    ),
    (
        "泉阳市卫生健康委员会关于进一步加强基层医疗卫生工作的意见",
        "解读《进一步加强基层医疗卫生工作的意见》",
        True,
    ),
    ("黔溪州人民政府办公室印发关于医养结合若干措施的通知", "《关于医养结合若干措施》解读", True),
    (
        "北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知",
        "关于对《北京市中医管理局关于印发第六批北京市级中医药专家学术经验继承工作实施方案的通知》的文件解读",
        True,
    ),
    # 〈〉 nested quotes, full-width and half-width brackets
    (
        "关于印发《重点传染病防控方案（2026年版）》的通知",
        "解读《关于印发〈重点传染病防控方案（2026年版）〉的通知》",
        True,
    ),
    (
        "关于印发《医疗机构依法执业自查办法(试行)》的通知",
        "解读《医疗机构依法执业自查办法（试行）》",
        True,
    ),
    # （试行）, （2019-2021年）, 的通知 on one side only
    (
        "关于印发《北京市中医医术确有专长人员医师资格考核注册管理实施细则（试行）》的通知",
        "《北京市中医医术确有专长人员医师资格考核注册管理实施细则》解读",
        True,
    ),
    ("江安省健康乡村三年行动计划（2026—2028年）", "图解：《江安省健康乡村三年行动计划》", True),
    (
        "国务院关于印发中医药发展战略规划纲要（2016—2030年）的通知",
        "解读《中医药发展战略规划纲要》",
        True,
    ),
    (
        "关于做好2026年家庭医生签约服务工作的通知",
        "《关于做好2026年家庭医生签约服务工作》解读",
        True,
    ),
    (
        "健康乡村建设行动计划（2019-2021年）",
        "一图读懂《健康乡村建设行动计划（2019—2021年）》",
        True,
    ),
    # a law named in running text, no 《》
    (
        "《中华人民共和国中医药法》",
        "权威解读：中医药发展的里程碑—中医药法的立法背景、意义和亮点",
        True,
    ),
    ("中华人民共和国基本医疗卫生与健康促进法", "专家谈基本医疗卫生与健康促进法的三个亮点", True),
    # issue 24: what real portals do
    # one interpretation of two policies named together, sharing their form
    (
        "关于印发《健康乡村建设实施方案》的通知",
        "解读：健康乡村建设和医养结合实施方案",
        True,
    ),
    ("关于印发《医养结合实施方案》的通知", "解读：健康乡村建设和医养结合实施方案", True),
    ("关于印发《健康乡村建设实施方案》的通知", "解读《健康乡村建设及医养结合实施方案》", True),
    # the issuer inside a 转发 wrapper, before a bare name
    (
        "关于转发省发展改革委江安省医疗服务价格调整方案的通知",
        "解读《江安省医疗服务价格调整方案》",
        True,
    ),
    (
        "泉阳市卫生健康委员会关于转发省卫生健康委员会江安省护理服务管理办法的通知",
        "图解：江安省护理服务管理办法",
        True,
    ),
    # the region word moved
    (
        "关于印发《江安省2019年下半年卫生健康工作要点》的通知",
        "解读《2019年下半年全省卫生健康工作要点》",
        True,
    ),
    # a 的 dropped between a name's words, either side
    (
        "关于加强基层医疗卫生机构的绩效考核工作的意见",
        "解读《关于加强基层医疗卫生机构绩效考核工作的意见》",
        True,
    ),
    ("关于印发《医疗机构依法执业自查办法》的通知", "解读《医疗机构的依法执业自查办法》", True),
    # ---- must NOT pair ----
    # 全省 stands for the document's own province only, never another place's
    (
        "关于印发《泉阳市2019年下半年卫生健康工作要点》的通知",
        "解读《2019年下半年全省卫生健康工作要点》",
        False,
    ),
    # two joined names are not a third: neither part is this document
    ("关于印发《医疗联合体建设方案》的通知", "解读：健康乡村建设和医养结合实施方案", False),
    # a 转发 wrapper's organ is stripped only before a whole name: another year stays another
    (
        "关于转发省发展改革委江安省医疗服务价格调整方案（2025年）的通知",
        "解读《江安省医疗服务价格调整方案（2026年）》",
        False,
    ),
    # another edition: other years stated on both sides
    ("健康乡村建设行动计划（2019-2021年）", "解读《健康乡村建设行动计划（2022-2024年）》", False),
    ("关于印发《2025年卫生健康工作要点》的通知", "解读《2026年卫生健康工作要点》", False),
    ("江安省专项工作要点（2026年）", "江安省专项工作要点（2025年）答记者问", False),
    # another batch
    ("关于公布第一批中医药特色村名单的通知", "解读《第二批中医药特色村名单》", False),
    (
        "关于印发第五批北京市级中医药专家学术经验继承工作实施方案的通知",
        "解读《第六批北京市级中医药专家学术经验继承工作实施方案》",
        False,
    ),
    # a draft is not the document it becomes
    ("关于印发《护理服务管理办法》的通知", "解读《护理服务管理办法（征求意见稿）》", False),
    # a narrower or wider name is another document
    ("关于印发《护理服务管理办法》的通知", "解读《护理服务管理办法实施细则》", False),
    ("关于印发《院前急救管理办法实施细则》的通知", "解读《院前急救管理办法》", False),
    ("关于印发《重点传染病防控方案》的通知", "解读《重点传染病防控方案领导小组工作规则》", False),
    # outside documents the site does not host
    (
        "关于印发《江安省护理服务管理办法》的通知",
        "解读《国务院办公厅关于推进护理服务高质量发展的意见》",
        False,
    ),
    (
        "关于印发《传统医学师承和确有专长人员考核管理办法》的通知",
        "解读《传统医学师承和确有专长人员医师资格考核考试法》",
        False,
    ),
    (
        "北京市人民政府关于支持中医药振兴发展的意见",
        "《国务院关于扶持和促进中医药事业发展的若干意见》解读",
        False,
    ),
    # a running-text mention of a part of the name, or a headline, names nothing
    (
        "国务院关于印发中医药发展战略规划纲要（2016—2030年）的通知",
        "中医药发展战略规划是中医药事业发展的又一个里程碑",
        False,
    ),
    ("《中华人民共和国中医药法》", "解读北京中医药2016年重点工作", False),
    ("关于印发《家庭医生签约服务规范》的通知", "家庭医生签约服务工作取得阶段性成效", False),
    # another issuer's document of the same subject
    ("关于印发《泉阳市护理服务管理办法》的通知", "解读《江安省护理服务管理办法》", False),
    # the same words in another order
    ("关于印发《医疗质量安全改进工作要点》的通知", "解读《医疗安全质量改进工作要点》", False),
]


def names(document: str, interpretation: str) -> bool:
    """The rule pairing applies: a cited name matching the document's name, or what it may stand
    for (two joined names, 全省), else (no 《》 in the title) the document's name in running
    text."""
    doc = name_of(document)
    for cited in cited_names(interpretation):
        if name_of(cited).matches(doc):
            return True
        if any(v.matches(doc) for group in cited_variants(cited) for v in group):
            return True
    return "《" not in interpretation and mentioned(interpretation, doc)


def test_there_are_enough_cases_of_each_answer():
    assert len(CASES) >= 40
    assert sum(1 for *_, expected in CASES if not expected) >= 15


@pytest.mark.parametrize(("document", "interpretation", "expected"), CASES)
def test_interpretation_names_document(document, interpretation, expected):
    assert names(document, interpretation) is expected


@pytest.mark.parametrize(
    ("cited", "is_document"),
    [
        ("江安省护理服务管理办法", True),
        ("关于印发江安省健康乡村建设方案的通知", True),
        ("中医药发展的里程碑-中医药法的立法背景、意义和亮点", False),
        ("北京六区试点中医健康养老新模式", False),
    ],
)
def test_a_headline_after_a_prefix_is_no_document(cited, is_document):
    assert looks_like_document(cited) is is_document


ISSUE_24 = [c for c in CASES[CASES.index(next(c for c in CASES if "健康乡村建设和" in c[1])) :]]


@pytest.mark.parametrize(("document", "interpretation", "expected"), ISSUE_24)
def test_the_site_search_pairing_uses_finds_the_same(document, interpretation, expected):
    """Pairing searches a site's joined titles for a cited core (analysis/pairing.SiteDocuments):
    each shape of issue 24 is found there too, and each near miss is not, among decoys."""
    from analysis.pairing import SiteDocuments
    from analysis.titles import fold, unquoted

    titles = ["关于印发《护理服务管理办法》的通知", document, "江安省卫生健康工作要点"]
    plains = [unquoted(fold(t)) for t in titles]
    site = SiteDocuments(
        "\x00".join(plains), ["d1", "doc", "d3"], titles, ["policy"] * 3, [len(p) for p in plains]
    )
    hits = [url for name in cited_names(interpretation) for url in site.named(name)]
    assert ("doc" in hits) is expected, hits


BARE = [
    ("基本医疗卫生与健康促进法", True),
    ("中华人民共和国中医药法", True),
    ("江安省护理服务管理办法（试行）", True),
    ("医疗事故处理条例（2002年修订）", True),
    ("关于印发江安省护理服务管理办法的通知", False),
    ("转发国家卫生健康委医疗质量管理办法", False),
    ("家庭医生签约服务的工作方法", False),  # 方法 is no 法: refused by is_bare_name only
    ("江安省卫生健康委工作动态第2期", False),
]


@pytest.mark.parametrize(("title", "bare"), BARE)
def test_duckdb_sets_aside_only_titles_that_are_no_bare_name(title, bare):
    import duckdb

    from analysis.titles import bare_name_sql, is_bare_name

    assert is_bare_name(title) is bare
    con = duckdb.connect()
    (passes,) = con.execute(f"select {bare_name_sql('t')} from (select ? as t)", [title]).fetchone()
    if bare:  # the SQL may let a title through that is no bare name, never stop one that is
        assert passes is True


@pytest.mark.parametrize(
    "interpretation, names",
    [
        ("图解：家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("【图解】家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("一图读懂：家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("【一图读懂】家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("图说：家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("权威解读：家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("解读家庭医生签约服务规范", ["家庭医生签约服务规范"]),
        ("解读《家庭医生签约服务规范》", ["家庭医生签约服务规范"]),
        ("家庭医生签约服务规范", []),  # no introducing word, no 《》: nothing cited
    ],
)
def test_the_name_after_an_introducing_word_is_what_the_title_cites(interpretation, names):
    assert cited_names(interpretation) == names


@pytest.mark.parametrize(
    "interpretation, doc_nos",
    [
        ("黔卫健发〔2025〕12号文件政策问答", ["黔卫健发〔2025〕12号"]),
        ("国卫办医发[2023]7号解读", ["国卫办医发[2023]7号"]),
        ("《关于印发某某办法的通知》（黔卫健发〔2025〕12号）政策解读", ["黔卫健发〔2025〕12号"]),
        # the words before the issuer are no part of it (they were read as one, and found nothing)
        ("关于黔卫健发〔2025〕12号文件的解读", ["黔卫健发〔2025〕12号"]),
        ("对黔卫健发〔2025〕12号的解读", ["黔卫健发〔2025〕12号"]),
        ("一图读懂黔卫健发〔2025〕12号", ["黔卫健发〔2025〕12号"]),
        ("图解：黔卫健发〔2025〕12号", ["黔卫健发〔2025〕12号"]),
        ("省卫健委印发黔卫健发〔2025〕12号", ["黔卫健发〔2025〕12号"]),
        ("关于卫〔2025〕3号", []),  # one character left of an issuer: no 文号 to look up
        ("2025年第3号公告解读", []),
    ],
)
def test_the_doc_no_a_title_cites_is_the_issuers(interpretation, doc_nos):
    from analysis.titles import cited_doc_nos

    assert cited_doc_nos(interpretation) == doc_nos


def test_an_interpretation_citing_a_doc_no_after_other_words_is_paired_with_its_policy():
    from analysis.pairing import SiteDocuments, named_by
    from analysis.titles import fold, unquoted
    from pipelines.attributes import normalize_doc_no

    title = "江安省护理服务管理办法"
    site = SiteDocuments(unquoted(fold(title)), ["doc"], [title], ["policy"], [len(title)])
    site.by_doc_no[normalize_doc_no("黔卫健发〔2025〕12号")].append("doc")
    named, outside = named_by(site, "一图读懂黔卫健发〔2025〕12号")
    assert named == [("doc", "引用文号：黔卫健发〔2025〕12号")] and outside == []
