"""Role, measure, unit, comparator, subject, year and area rules, on short reports."""
import pytest

from pipeline.meaning.figures import classify_report


@pytest.fixture
def figures(make_record):
    """Classified measures (role other dropped) of a short report."""
    def classify(review: str = "", plan: str = "") -> list[dict]:
        return [r for r in classify_report(make_record(review, plan)) if r["role"] != "other"]
    return classify


def areas_by_raw(record: dict, role: str) -> dict[str, str]:
    """The area of each figure of ``role`` in the classified record, by the number as written."""
    return {r["raw"]: r["area"] for r in classify_report(record) if r["role"] == role}


def pick(rows: list[dict], *fields: str) -> list[tuple]:
    return [tuple(r[f] for f in fields) for r in rows]


def test_worked_example_of_the_contract(figures):
    """The contract's worked example: a growth with 左右, a level in 亿元 and its growth, all of the review year."""
    rows = figures(review="预计地区生产总值增长4%左右；一般公共预算收入48.7亿元，增长20.9%；")
    assert pick(rows, "role", "subject", "measure", "value", "unit", "comparator", "year", "area") == [
        ("indicator", "地区生产总值", "growth", "4", "percent", "approx", 2024, "某某区"),
        ("indicator", "一般公共预算收入", "level", "4870000000", "CNY", "eq", 2024, "某某区"),
        ("indicator", "一般公共预算收入", "growth", "20.9", "percent", "eq", 2024, "某某区"),
    ]


def test_plan_figures_are_targets_of_the_plan_year(figures):
    """The plan's figures are targets of the plan year, in canonical units (万美元 in USD)."""
    rows = figures(plan="主要预期目标是：地区生产总值增长4.5%左右，实际利用外资3000万美元。")
    assert pick(rows, "role", "year", "value", "unit") == [
        ("target", 2025, "4.5", "percent"), ("target", 2025, "30000000", "USD")]


@pytest.mark.parametrize("sentence, value, unit, measure, comparator", [
    ("工业投资下降6%。", "-6", "percent", "growth", "eq"),
    ("审批时限压缩一半。", "-50", "percent", "growth", "eq"),  # 一半 cut: half, -50%
    ("税收占比超70%。", "70", "percent", "share", "gt"),
    ("优良天数比例提高8个百分点。", "8", "pp", "change_pp", "eq"),
    ("收入两年增长1.4倍。", "1.4", "times", "multiple", "eq"),
    ("新增就业1.45万人。", "14500", "person", "count", "eq"),
    ("盘活闲置土地462亩。", "308000", "m2", "level", "eq"),
    ("PM2.5年平均浓度44微克/立方米。", "44", "ug/m3", "level", "eq"),
    ("引进企业30余家。", "30", "count", "count", "gt"),
    ("城镇登记失业率控制在4.5%以内。", "4.5", "percent", "share", "le"),
    ("接待游客近300万人次。", "3000000", "person_time", "count", "approx"),
    ("优良天数同比增加36天。", "36", "day", "count", "eq"),
    ("优良天数连续6年稳定。", "6", "year", "duration", "eq"),
    ("连续3次获评A级。", "3", "count", "duration", "eq"),
    ("平均受教育年限连续3年提高。", "3", "year", "duration", "eq"),  # a run, not a level of 年限 (years_level)
    ("城际运能提升19%。", "19", "percent", "growth", "eq"),
    ("抽样检测1800批次以上。", "1800", "count", "count", "ge"),
    ("人口出生率降至6.5‰。", "0.65", "percent", "share", "eq"),  # per mille: a tenth of a percent
    ("人口自然增长率下降0.5个千分点。", "-0.05", "pp", "change_pp", "eq"),
    ("人均粮食占有量达到480公斤。", "0.48", "t", "level", "eq"),
    ("新型储能装机达到60万千瓦、120万千瓦时。", "1200000", "kWh", "level", "eq"),
    ("集装箱吞吐量完成35万TEU。", "350000", "TEU", "level", "eq"),
    ("机场起降航班2.1万架次。", "21000", "count", "count", "eq"),
    ("全年货物周转量1200亿吨公里。", "120000000000", "", "level", "eq"),  # tonne-km: no contract unit, no t
    ("发行离岸人民币债券50亿港元。", "5000000000", "", "level", "eq"),  # no contract unit; not persons for the 人 of a word near it
    ("研发经费投入强度达到百分之三。", "3", "percent", "share", "eq"),
    ("引进博士近百名。", "100", "count", "count", "approx"),
    ("新增就业超万人。", "10000", "person", "count", "gt"),
    ("全年接待游客五千万人次。", "50000000", "person_time", "count", "eq"),
    ("营商环境评价全省排名第一。", "1", "rank", "rank", "eq"),
    ("地区生产总值翻了一番。", "1", "times", "multiple", "eq"),  # doubled: 增长1倍
    ("地区生产总值比2000年翻两番。", "3", "times", "multiple", "eq"),  # four times the base: 增长3倍
    ("引进博士三百余名。", "300", "count", "count", "gt"),
    ("带动就业万余人。", "10000", "person", "count", "gt"),
    ("全市森林覆盖率达到三分之一以上。", "33.33", "percent", "share", "ge"),
])
def test_units_measures_and_comparators(figures, sentence, value, unit, measure, comparator):
    """One sentence per unit, measure and comparator rule: the last figure's value, unit, measure and comparator."""
    rows = figures(review=sentence)
    assert pick(rows, "value", "unit", "measure", "comparator")[-1] == (value, unit, measure, comparator)


def test_range_is_two_figures_with_one_subject(figures):
    """4.5%—5% is two figures of one subject: the low end ge, the high end le."""
    rows = figures(plan="地区生产总值增长4.5%—5%。")
    assert pick(rows, "subject", "value", "comparator") == [("地区生产总值", "4.5", "ge"), ("地区生产总值", "5", "le")]


def test_a_list_of_class_amounts_ends_the_item_before_the_next_measure(figures):
    """力争投资超50亿元、100亿元产业项目实现突破、实际到位资金增长3%: the amounts name a
    class of projects (no figures); the growth's subject starts after the 、 that ends their item."""
    rows = figures(plan="力争投资超50亿元、100亿元产业项目实现突破、实际到位资金增长3%以上。")
    assert pick(rows, "subject", "value", "comparator") == [("实际到位资金", "3", "ge")]


def test_distributive_list_gives_one_subject_each(figures):
    """A、B分别…: one figure per item, each with the list's qualifier and its own subject."""
    rows = figures(plan="城镇、农村居民人均可支配收入分别增长6%和7%左右。")
    assert pick(rows, "value", "comparator") == [("6", "approx"), ("7", "approx")]
    rows = figures(plan="文化、旅游产业增加值占比分别超过2%、5%。")
    assert pick(rows, "value", "comparator") == [("2", "gt"), ("5", "gt")]
    rows = figures(review="工业产值、批发零售额、税收收入占全区比重分别提高到87%、91%和77%。")
    assert pick(rows, "subject", "measure") == [
        ("工业产值占全区比重", "share"), ("批发零售额占全区比重", "share"), ("税收收入占全区比重", "share")]


def test_a_list_whose_head_is_an_attribute_alone_takes_the_items_counted_before(figures):
    """办理建议20件、提案30件，办结率分别达…: the rate names no items; each is of the count before it."""
    rows = figures(review="办理代表建议20件、委员提案30件，办结率分别达100%、98%。")
    assert pick(rows, "value", "subject") == [
        ("20", "代表建议"), ("30", "委员提案"), ("100", "代表建议办结率"), ("98", "委员提案办结率")]


def test_a_share_list_after_a_list_of_amounts_is_each_amount_s_share(figures):
    """甲20亿元、乙30亿元，占年度计划的…: without 分别 too, each share is of the amount before it, in order."""
    rows = figures(review="重点项目、民生工程分别完成投资20亿元、30亿元，占年度计划的110%、120%。")
    assert pick(rows, "value", "subject")[2:] == [("110", "重点项目完成投资占年度计划"), ("120", "民生工程完成投资占年度计划")]


def test_a_count_list_of_modifiers_gives_its_head_to_the_amounts_after_it(figures):
    """10个省重点、20个市重点项目，分别完成投资…: the first item is a modifier alone, its noun the last item's."""
    rows = figures(review="10个省重点、20个市重点项目，分别完成投资30亿元、40亿元。")
    assert pick(rows, "value", "subject") == [("10", "省重点项目"), ("20", "市重点项目"),
                                              ("3000000000", "省重点项目完成投资"), ("4000000000", "市重点项目完成投资")]


def test_quoted_names_closed_by_a_list_word_are_examples_of_what_is_counted(figures):
    """“甲”“乙”等文化活动30场: the quoted names are examples; the words after 等 name what is
    counted. An unquoted list before 等 stays, as the labels keep it (甲展、乙赛等活动)."""
    rows = figures(review="开展“送戏下乡”“书香校园”等文化活动30场，举办甲展、乙赛等活动5场。")
    assert pick(rows, "value", "subject") == [("30", "文化活动"), ("5", "甲展、乙赛等活动")]


def test_ranks_after_one_number_of_a_list_rank_its_items_in_order(figures):
    """甲、乙分别达21个，居全省第一、第二位: one count for both items, then a rank each."""
    rows = figures(review="省级示范园区、省级产业联盟分别达21个，居全省第一、第二位。")
    assert pick(rows, "value", "subject")[1:] == [("1", "省级示范园区"), ("2", "省级产业联盟")]


def test_a_rank_of_all_the_figures_before_it_lists_what_each_ranks(figures):
    """甲增长3%，乙增长5%，均居全省第一: one rank of both growths, listed; the growth before a
    rank of another measure (a count) is no part of the run."""
    rows = figures(review="工业产值增长3%，税收收入增长5%，均居全省第一；新增企业30家，居全省第二。")
    assert pick(rows, "value", "subject")[2] == ("1", "工业产值增速、税收收入增速")
    assert pick(rows, "value", "subject")[4] == ("2", "新增企业")


def test_a_long_list_of_rates_with_one_number_stays_whole(figures):
    """甲率、乙率、丙率均保持100%: past the longest subject a list of rates is kept whole, not
    cut to its later items."""
    rows = figures(review="城市集中式饮用水水源地水质达标率、县级以上国控断面水质达标率、"
                          "受污染耕地安全利用率均保持100%。")
    assert pick(rows, "subject") == [("城市集中式饮用水水源地水质达标率、县级以上国控断面水质达标率、受污染耕地安全利用率",)]


def test_a_rank_among_a_pool_ranks_what_is_named_before_the_pool(figures):
    """位列全国337个城市第17位: the pool is where it is ranked; with nothing before it, the rank before is carried on."""
    rows = figures(review="空气质量改善率全省第一，位列全国337个城市第17位。政务热线在全国344个城市评估中位列第27名。")
    assert [(r["value"], r["subject"]) for r in rows if r["measure"] == "rank"] == [
        ("1", "空气质量改善率"), ("17", "空气质量改善率"), ("27", "政务热线")]


def test_a_verb_repeated_from_the_clause_before_counts_its_object_there(figures):
    """开展送戏下乡活动，市级开展50场: 市级开展 names nothing; the 50 are of the activity named before."""
    rows = figures(plan="开展送戏下乡活动，市级开展50场，每县开展不少于20场。")
    assert pick(rows, "value", "subject") == [("50", "送戏下乡活动"), ("20", "送戏下乡活动")]


@pytest.mark.parametrize("plan", ["开展招商活动，开展120场。", "开展招商活动，全年开展120场。"])
def test_a_bare_verb_repeated_from_the_clause_before_counts_its_object_there(figures, plan):
    """开展120场: lead words alone leave no subject; the verb opening the clause before names its object."""
    assert pick(figures(plan=plan), "value", "subject") == [("120", "招商活动")]


@pytest.mark.parametrize("review, subject", [
    ("法律援助中心为农民工追回欠薪2000万元。", "追回欠薪"),
    ("专项行动累计为企业和个人减免医疗费用3亿元。", "减免医疗费用"),
    ("为企业减负5亿元。", "为企业减负"),
    ("为群众看病、上学等提供资金2亿元。", "为群众看病、上学等提供资金"),
    ("成为企业技术中心的达12家。", "成为企业技术中心"),
    ("认定为企业技术中心15家。", "企业技术中心"),
    ("被评为企业信用A级纳税人120户。", "企业信用A级纳税人"),
    ("改制为企业法人的合作社30家。", "改制为企业法人的合作社"),
    ("作为企业主体投入研发资金3亿元。", "作为企业主体投入研发资金"),
    ("为企业办理贷款22.3亿元。", "贷款"),  # 为 serves the firms; 办理 a verb of handling, dropped
    ("便民热线解决群众诉求3万件。", "解决群众诉求"),
    ("便民热线受理51万次。", "便民热线受理"),
    ("人才引育行动新增从业人员2万人。", "新增从业人员"),
    ("防返贫监测机制识别监测对象300户。", "监测对象"),
])
def test_who_acts_and_for_whom_are_no_part_of_the_deed_measured(figures, review, subject):
    """X为劳动者追回欠薪: the number measures the deed, not its doer or the people served;
    a deed of one verb (减负) keeps them, and 为 before a list of needs heads a purpose, no deed.
    成为, 认定为, 评为, 改制为, 作为 (cues kind as_verb): their 为 means as, so the 企业 after
    it is part of what is named, not whom a deed is done for. A hotline, campaign or mechanism
    acting before a verb of doing (cues kind agent) is who acts too: the deed with its object
    stays (解决: cues kind deed), a made verb stays, a lead verb goes; before a bare verb it
    names what is counted."""
    assert [r["subject"] for r in figures(review=review)] == [subject]


@pytest.mark.parametrize("review, subject", [
    ("企业调查59项测评点中有22项达到全球最优。", "测评点"),  # the part is of the whole counted before 中有
    ("在全省考核中有5项指标位居全省第一。", "指标"),  # no count before 中有: where it was counted, not what
])
def test_a_part_counted_among_a_whole_is_of_that_whole_only_where_a_count_names_it(figures, review, subject):
    """中有 (cues kind among) ends the words of a whole only after a count of it; else the words
    before it are the frame of the count, and the noun after the counter is what is counted."""
    assert [r["subject"] for r in figures(review=review) if r["measure"] == "count"][-1] == subject


@pytest.mark.parametrize("review, subject", [
    ("中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元，增长18%。", "中央对地方转移支付"),
    ("数字经济规模达到5000亿元，增长12%。", "数字经济规模"),
    ("产业规模突破1000亿元、增长15%。", "产业规模"),
    ("经营规模200亿元，增长5%。", "经营规模"),
])
def test_a_change_after_a_bare_size_word_is_of_the_thing_sized(figures, review, subject):
    """规模近9.8万亿元 alone sizes the transfers named before it: the growth after is theirs
    (cues kind size_word); a size named with its thing (数字经济规模) keeps its word."""
    assert pick(figures(review=review), "measure", "subject")[-1] == ("growth", subject)


def test_one_character_items_share_the_words_before_and_the_tail_after(figures):
    """金融机构存、贷款余额: two items, 存 and 贷, each with 金融机构 before and 款余额 after."""
    rows = figures(review="金融机构存、贷款余额分别增长10%、12%。")
    assert pick(rows, "value", "subject") == [("10", "金融机构存款余额"), ("12", "金融机构贷款余额")]


@pytest.mark.parametrize("review, subjects", [
    ("一般公共预算支出、进出口总额分别增长5%、8%。", ["一般公共预算支出", "进出口总额"]),
    ("财政支出、贷款余额分别增长5%、8%。", ["财政支出", "贷款余额"]),
])
def test_items_of_other_lists_are_not_one_character_items(figures, review, subjects):
    """出、进 and 出、贷 are no list of one-character items (cues kind single_item holds
    存、贷 and 进、出 as written): each item is whole."""
    assert [r["subject"] for r in figures(review=review)] == subjects


def test_a_respectively_opening_the_words_after_the_counter_is_dropped(figures):
    """3人分别入选甲、乙: 分别 says how the people share out over the titles, no part of them."""
    rows = figures(review="3人分别入选省级技能大师、市级技术能手。")
    assert pick(rows, "value", "subject") == [("3", "入选省级技能大师、市级技术能手")]


def test_values_side_by_side_share_the_last_one_s_unit(figures):
    """426万、656万人以上: the bare 万 before 656万人 counts persons too, and 以上 covers both."""
    rows = figures(plan="养老、医疗保险参保分别达到26万、56万人以上。")
    assert pick(rows, "value", "unit", "measure", "comparator") == [
        ("260000", "person", "count", "ge"), ("560000", "person", "count", "ge")]


def test_a_class_by_a_bare_threshold_takes_the_quantity_of_the_class_before(figures):
    """…超100亿元企业3家，超50亿元企业5家: the second class is by the same 营业收入."""
    rows = figures(plan="力争营业收入超100亿元企业3家，超50亿元企业5家。")
    assert pick(rows, "value", "subject") == [("3", "营业收入超100亿元企业"), ("5", "营业收入超50亿元企业")]


def test_a_class_shares_the_quantity_of_the_bound_written_before_a_number(figures):
    """超高清视频产业超100亿元企业…，超50亿元企业: the 超 of 超高清 bounds nothing; the class
    after takes the words before the 超 that a number follows."""
    rows = figures(review="营业收入超高清视频产业超100亿元企业3家，超50亿元企业5家。")
    assert pick(rows, "subject")[-1] == ("营业收入超高清视频产业超50亿元企业",)


def test_area_is_the_zone_a_sentence_is_about(figures):
    """A zone opening a sentence is its figures' area; the next sentence about the whole region is the region's."""
    rows = figures(review="某某经开区产业项目到位资金增长12%。全区新增企业5家。")
    assert pick(rows, "area") == [("某某经开区",), ("某某区",)]


def test_stock_in_the_plan_is_not_a_target(figures):
    """目前已建成 in the plan describes a stock (an indicator); 今年新建 is a target."""
    rows = figures(plan="目前已建成5G基站4300个，今年新建基站500个。")
    assert pick(rows, "role", "value") == [("indicator", "4300"), ("target", "500")]


def test_a_stock_word_of_what_new_things_are_made_from_makes_no_stock(figures):
    """利用现有资源改造建设20个中心 makes new centres (a target); 去年新增企业50家 is last year's."""
    rows = figures(plan="利用现有闲置资源改造建设20个示范中心，去年新增企业50家。")
    assert pick(rows, "role", "value") == [("target", "20"), ("indicator", "50")]


def test_things_a_plan_tends_are_a_stock_but_amounts_it_tends_are_goals(figures):
    """巩固368个村…成效 counts villages that are there (an indicator); 完善管网50公里 is work planned."""
    rows = figures(plan="巩固368个经济薄弱村扶持成效，完善燃气管网50公里，规范完善试点幼儿园10所。")
    assert pick(rows, "role", "value", "basis") == [("indicator", "368", "as_of"), ("target", "50", "annual"),
                                                    ("target", "10", "annual")]  # the villages there: a state


def test_a_later_item_of_a_list_a_plan_tends_is_a_stock_too(figures):
    """聚焦三大产业、12条产业链: the chains, an item after the verb's first, are aimed at too
    (the noun after the counter); 聚焦两个领域实施20个项目、30个工程 counts what 实施 makes."""
    rows = figures(plan="聚焦三大产业、12条产业链，破解难题。聚焦两个领域实施20个项目、30个工程。")
    assert pick(rows, "role", "subject", "value") == [("indicator", "产业链", "12"), ("target", "项目", "20"),
                                                      ("target", "工程", "30")]


def test_designated_things_counted_after_their_names_are_a_stock(figures):
    """甲园、乙园2个国家农业产业园: named, they hold the designation already (an indicator);
    a count that is an item of its own after the names (…、3个省级中心) and new ones are goals."""
    rows = figures(plan="抓好甲园、乙园2个国家农业产业园建设，新创建10个市级产业园。加快甲医院、3个省级医疗中心建设。")
    assert pick(rows, "role", "value") == [("indicator", "2"), ("target", "10"), ("target", "3")]


def test_a_plan_s_count_of_the_things_a_review_stock_counts_is_that_stock(figures):
    """有效期内高新技术企业176家 … 抓好176家高新技术企业发展: the plan works on the stock (an
    indicator of the review year); a yearly programme repeated (办好20项民生工程) is a new goal."""
    rows = figures(review="有效期内高新技术企业176家，办好20项民生工程。",
                   plan="抓好176家高新技术企业发展，办好20项民生工程，新培育高新技术企业30家。")
    assert pick(rows, "role", "value", "year", "basis")[2:] == [
        ("indicator", "176", 2024, "as_of"), ("target", "20", 2025, "annual"), ("target", "30", 2025, "annual")]


def test_a_body_joining_a_top_list_ranks_but_a_list_s_name_is_no_figure(figures):
    """跻身全国50强 at its clause's end is a rank at or above 50; 500强 (or a top share, 前1%) in a
    quoted name, before more words, or after a count of what entered the list names the list."""
    rows = figures(review="某某经开区跻身全国50强。26家企业上榜全国500强。对接全国500强和央企。"
                          "引进“三类500强”企业10个。92个学科进入ESI全球前1%。")
    assert pick(rows, "raw", "measure", "value", "comparator") == [
        ("50强", "rank", "50", "le"), ("26家", "count", "26", "eq"), ("10个", "count", "10", "eq"),
        ("92个", "count", "92", "eq")]  # 前1% after the count of what entered: the top share names the list


def test_a_count_of_households_is_in_households_whatever_the_counter(figures):
    """8.1万个困难家庭: 个 counts households (unit household); 3个家庭农场 counts farms."""
    rows = figures(review="租房补贴惠及8.1万个困难家庭，培育3个家庭农场。")
    assert pick(rows, "value", "unit") == [("81000", "household"), ("3", "count")]


def test_a_plan_s_count_of_all_the_region_s_divisions_is_its_make_up(make_record):
    """在14个市州城区… in 甘肃省 (14 cities) counts the region's make-up, an indicator of
    the review year; 在5个市州开展试点 picks some of them: a goal."""
    record = make_record(plan="在14个市州城区增补学位2万个，在5个市州开展试点。")
    record = {**record, "report": {**record["report"], "region_code": "620000"}}
    rows = [r for r in classify_report(record) if r["raw"] in ("14个", "5个")]
    assert pick(rows, "role", "value", "year", "basis") == [("indicator", "14", 2024, "as_of"),
                                                            ("target", "5", 2025, "annual")]


def test_a_number_inside_a_named_project_s_name_is_part_of_the_name(make_record):
    """开工建设某某石化120万吨乙烯改造项目: the plant's size is part of the project's name (an other), no goal."""
    from pipeline.normalize import report_tables

    tables = report_tables(make_record(plan="开工建设某某石化120万吨乙烯改造项目，新建学校5所。"))
    assert [r["name"] for r in tables["projects"]] == ["某某石化120万吨乙烯改造项目"]
    assert [(r["raw"], r["role"]) for r in tables["figures"] if r["raw"] in ("120万吨", "5所")] == [
        ("120万吨", "other"), ("5所", "target")]


def test_chinese_numeral_measure_is_a_figure(figures):
    """连续八年: a Chinese numeral with its unit is a figure, a duration in years."""
    rows = figures(review="新注册市场主体连续八年实现破万增长。")
    assert pick(rows, "text", "value", "unit", "measure") == [("八", "8", "year", "duration")]


def test_codebook_codes_standard_subjects():
    """Aliases of a concept (全区生产总值, GDP) share its code; the region's name is dropped; other words get none."""
    from pipeline.meaning.codebook import code_for

    assert code_for("地区生产总值") == code_for("全区生产总值") == code_for("GDP") == "gdp"
    assert code_for("地区生产总值增速") == "gdp"
    assert code_for("某某区一般公共预算收入", "某某区") == "general_budget_revenue"
    assert code_for("促消费活动") == ""


def test_a_rate_named_after_a_growth_verb_is_a_share(make_record):
    """失业率控制在4.5%以内 is a share, though a growth (增长率6%) is written in the same sentence."""
    record = make_record(plan="城镇新增就业6万人、城镇登记失业率控制在4.5%以内，地区生产总值增长率6%。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["4.5%"]["measure"] == "share" and rows["6%"]["measure"] == "growth"


def test_units_ranges_and_qualifiers_seen_on_national_and_provincial_reports(make_record):
    """Units, ranges and qualifiers of national and provincial reports: 6%－6.5% is a range, 万千瓦 in MW, 不到 lt."""
    record = make_record(plan="国内生产总值增长6%－6.5%，全员劳动生产率达到25万元/人，新能源装机8041.6万千瓦，"
                              "货运量达到50万标箱，国内生产总值从不到70万亿元增加到100万亿元。")
    rows = {r["raw"]: (r["value"], r["unit"], r["comparator"]) for r in classify_report(record)
            if r["role"] in ("indicator", "target")}
    assert rows["6%"] == ("6", "percent", "ge") and rows["6.5%"] == ("6.5", "percent", "le")  # a range, not −6.5
    assert rows["25万元/人"] == ("250000", "CNY/person", "eq")
    assert rows["8041.6万千瓦"] == ("80416", "MW", "eq")  # one unit of power: 千瓦 in MW
    assert rows["50万标箱"] == ("500000", "TEU", "eq")
    assert rows["70万亿元"][2] == "lt"


def test_a_figure_narrowed_by_its_sentence_gets_no_code():
    """扣除房地产开发投资后: a condition narrows the figure, so it is no scorecard concept."""
    from pipeline.meaning.codebook import code_for, conditioned

    row = {"context": "扣除房地产开发投资后，固定资产投资增长2.7%。", "raw": "2.7%", "subject": "固定资产投资"}
    assert code_for(row["subject"]) == "fixed_asset_investment" and conditioned(row)
    assert not conditioned({**row, "context": "固定资产投资增长2.7%。"})



def test_a_bare_investment_is_that_of_what_the_clause_before_builds():
    """完成投资 alone is the investment of the projects the clause before builds, in the same sentence only."""
    from pipeline.meaning.codebook import figure_code

    row = {"context": "加快重点项目建设，全年完成投资120亿元。", "raw": "120亿元", "subject": "投资"}
    assert figure_code(row) == "key_project_investment"
    assert figure_code({**row, "context": "扩大有效投资，全年完成投资120亿元。"}) == ""  # builds nothing
    assert figure_code({**row, "context": "加快重点项目建设。全年完成投资120亿元。"}) == ""  # another sentence

def test_a_mark_passed_after_the_number_is_no_subject(figures):
    """突破100亿元关口 is a mark passed: the figures around it keep the clause's subject."""
    rows = {r["raw"]: r for r in figures(review="一般公共预算收入完成102亿元，突破100亿元关口，增长8.3%。")}
    assert rows["8.3%"]["subject"] == rows["102亿元"]["subject"] == "一般公共预算收入"


def test_verbs_before_the_number_are_no_subject(figures):
    """由…提高到 and 建设筹措 are verbs: the subject is what they act on, without the counter's note （间）."""
    rows = {r["raw"]: r["subject"] for r in figures(
        review="森林覆盖率由31.5%提高到33%。建设筹措2万套（间）人才公寓。建设12个城市书房。")}
    assert rows["31.5%"] == rows["33%"] == "森林覆盖率"
    assert rows["2万套（间）"] == "人才公寓" and rows["12个"] == "城市书房"  # the counter's note （间） is no part of it


def test_an_amount_said_of_things_counted_before_is_theirs_past_a_word_left_off(figures):
    """累计 after 12个重点项目 is no part of what is counted, but the 投资 said of those projects keeps it."""
    rows = {r["raw"]: r["subject"] for r in figures(review="12个重点项目累计完成投资80亿元。")}
    assert rows["12个"] == "重点项目" and rows["80亿元"] == "重点项目累计完成投资"


def test_a_bare_attribute_after_a_measured_one_is_of_the_same_thing(figures):
    """、产量300万吨 after 蔬菜种植面积 is 蔬菜产量: a bare attribute is of the thing measured before."""
    rows = {r["raw"]: r["subject"] for r in figures(
        plan="蔬菜种植面积稳定在80万亩以上、产量300万吨以上，茶叶加工转化率65%，产值达到40亿元。")}
    assert rows["300万吨"] == "蔬菜产量" and rows["40亿元"] == "茶叶加工产值"


def test_a_word_of_new_things_in_the_subject_names_the_concept(make_record):
    """新设, 净增 stay in the subject and name the concept of new things; 达到 names the stock."""
    from pipeline.meaning.codebook import code_for, figure_code

    rows = {r["raw"]: r for r in classify_report(make_record(
        plan="力争新设外资企业15家以上，新设市场主体2万家。",
        review="全年净增市场主体800家、达到2.6万家。"))}
    assert rows["15家"]["subject"] == "新设外资企业" and code_for("外资企业") == ""  # the verb stays (issue 13)
    assert figure_code(rows["15家"]) == "new_foreign_invested_enterprises"
    assert code_for("市场主体") == "market_entities_total" and figure_code(rows["2万家"]) == "new_market_entities"
    assert figure_code(rows["2.6万家"]) == "market_entities_total"  # the stock: 净增 is another item's word


def test_a_count_named_with_its_whole_is_the_concept():
    """…总数 is the count's own concept; 总数 alone is none."""
    from pipeline.meaning.codebook import code_for

    assert code_for("科技型中小企业总数") == code_for("科技型中小企业") == "sci_tech_smes"
    assert code_for("高新技术企业总数") == "high_tech_enterprises" and code_for("总数") == ""


def test_a_name_matches_its_alias_with_or_without_quotes():
    """A codebook alias matches written with or without quotes and inside a longer phrase."""
    from pipeline.meaning.codebook import code_for

    assert code_for("企业被认定为“省级专精特新中小企业”") == code_for("省级专精特新中小企业") == "specialized_smes"
    assert code_for("“专精特新”企业") == code_for("专精特新企业") == "specialized_smes"


def test_respectively_after_a_list_of_numbers_names_each_by_the_number_before(make_record):
    """…17.52亿人次、…1.27万亿元，分别增长: each growth is of the figure written in that place before."""
    record = make_record(review="累计接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%。",
                         plan="新增高新技术企业和“专精特新”企业各3家，旅游接待人次、旅游综合收入分别增长6%以上。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert rows["32.9%"]["subject"] == "接待游客" and rows["41.6%"]["subject"] == "旅游花费"
    assert rows["3家"]["subject"] == "新增高新技术企业和“专精特新”企业"
    assert rows["6%"]["subject"] == "旅游接待人次、旅游综合收入"


def test_a_subject_listing_several_concepts_gets_no_code():
    """A subject that lists two concepts is neither: no code."""
    from pipeline.meaning.codebook import code_for

    assert code_for("旅游接待人次、旅游综合收入") == "" and code_for("旅游综合收入") == "tourism_revenue"


def test_a_zone_or_list_of_zones_opening_a_sentence_or_introducing_the_next_is_the_area(make_record):
    """A zone, or a list of zones, opening a sentence (or introducing the next) is the area of its figures."""
    record = make_record(plan="合作示范区以建设健康城为目标，建设科创廊道。加强对接合作，产业项目到位20亿元以上。"
                              "唐官屯加工物流区、静海国际商贸物流园发挥优势，规模以上工业产值增长10%。"
                              "大邱庄工业区、双塘工业园围绕主导产业，产业项目分别到位10亿元、1.2亿元以上。"
                              "其他各乡镇规模以上工业产值增长5%。子牙经开区新增企业10家。全区新增就业1.2万人。")
    areas = areas_by_raw(record, "target")
    assert areas["20亿元"] == "合作示范区"  # the sentence before only introduces it
    assert areas["10%"] == "唐官屯加工物流区、静海国际商贸物流园"
    assert (areas["10亿元"], areas["1.2亿元"]) == ("大邱庄工业区", "双塘工业园")
    assert areas["5%"] == "某某区" and areas["1.2万人"] == "某某区"  # a general zone, and a sentence after one with figures


def test_a_body_opening_a_clause_with_a_figure_keeps_it_for_the_clauses_after(make_record):
    """区属企业, 中心城区 opening a clause with a figure stay the area of the clauses after, until another scope."""
    record = make_record(review="国企改革深入推进，区属企业资产总额达到300亿元，营业收入增长6%。"
                                "市中心城区实施重点项目90个，完成投资50亿元；新建公园8个，实施县域项目13个。"
                                "楼市企稳，主城区住房市场回稳，固定资产投资增长3%。")
    areas = areas_by_raw(record, "indicator")
    assert areas["300亿元"] == areas["6%"] == "区属企业"
    assert areas["90个"] == areas["50亿元"] == areas["8个"] == "中心城区"  # 市: the city's; ； goes on
    assert areas["13个"] == "某某区"  # another scope (cues kind scope_change)
    assert areas["3%"] == "某某区"  # a clause with no figure of the body's own turns to the region's


def test_a_sentence_that_introduces_a_zone_heads_the_sentences_up_to_the_next_without_figures(make_record):
    """强化中心城区… introduces a zone for the sentences after it, up to one that opens another topic."""
    record = make_record(review="强化中心城区辐射带动。实施城市更新行动，新建管网20公里。改造道路5条。"
                                "提升乡村治理水平。新建村卫生室3个。某某新区入选全国试点。新增就业1200人。"
                                "推进技能提升，用好某某产业园，完成培训2万人次。引入某某集团，发展食品产业。新增农场9家。")
    areas = areas_by_raw(record, "indicator")
    assert areas["20公里"] == areas["5条"] == "中心城区"  # 强化: a verb before the body (cues kind zone_lead)
    assert areas["3个"] == "某某区"  # the next sentence without figures opens another topic
    assert areas["1200人"] == "某某区"  # an honour is a statement closed in itself (cues kind zone_event)
    assert areas["2万人次"] == areas["9家"] == "某某区"  # the zone fills its clause: the region's means


def test_verbs_and_the_city_before_a_body_named_whole_leave_it_the_area(make_record):
    """推进市中心城区…: a verb and 市 before 中心城区 (cues kind zone_lead) are no part of the
    name, and the sentence they open is about the body."""
    record = make_record(plan="推进市中心城区更新提升，实施道路改造10条。推动主城区扩容，新增绿地5万平方米。")
    areas = areas_by_raw(record, "target")
    assert areas["10条"] == "中心城区" and areas["5万平方米"] == "主城区"


def test_a_body_named_as_the_place_of_works_introduces_nothing(make_record):
    """加快推进中心城区道路雨污分流工程。: the clause names a project (a head of project_heads.csv
    ends it); the body is the works' place, not what the next sentence is about."""
    record = make_record(plan="加快推进中心城区道路雨污分流工程，抓好海绵城市建设。启动新建游园35个。")
    assert areas_by_raw(record, "target")["35个"] == "某某区"


def test_a_body_a_verb_puts_before_a_count_is_its_area_not_that_of_the_clauses_after(make_record):
    """治理中心城区交通堵乱点60处；…: the verb's things are in the body, and only they;
    完成中心城区3000个停车位…: the body is where, the noun after the counter what is counted."""
    record = make_record(plan="治理中心城区交通堵乱点60处；新建公园8个。完成中心城区3000个停车位新建任务。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "target"}
    assert (rows["60处"]["area"], rows["60处"]["subject"]) == ("中心城区", "交通堵乱点")
    assert rows["8个"]["area"] == "某某区"
    assert (rows["3000个"]["area"], rows["3000个"]["subject"]) == ("中心城区", "停车位新建任务")


def test_a_zone_after_a_task_number_opens_its_sentence_up_to_a_clause_of_another_scope(make_record):
    """八是中心城区…: a task's number (cues kind enumeration) is no part of the opening; a
    clause opening with another scope (每县: cues kind scope_change) is the region's."""
    record = make_record(plan="八是中心城区新建停车位5000个。中心城区新建公园8个，每县新建公园2个。")
    areas = areas_by_raw(record, "target")
    assert areas["5000个"] == areas["8个"] == "中心城区"
    assert areas["2个"] == "某某区"


def test_a_clause_opening_with_the_whole_region_still_says_of_the_zone(make_record):
    """…，全市排名第1位 ranks the zone among the city's; 农村居民… of a town is the town's
    (cues kind scope_change): only each member's scope (每县: member_scope) turns away."""
    record = make_record(review="某某经开区营业收入增长10%，全市排名第1位。"
                                "某某镇粮食产量增长5%，农村居民人均可支配收入增长8%。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "indicator"}
    assert (rows["1位"]["area"], rows["1位"]["subject"]) == ("某某经开区", "营业收入增速")
    assert rows["8%"]["area"] == "某某镇"


def test_a_zone_named_after_regions_together_is_the_longer_name(make_record):
    """长三角某某示范区: a zone whose name opens with regions named together (cues kind
    whole_area) is the zone, the longest name; the regions alone are theirs."""
    record = make_record(review="长三角某某示范区新推出制度创新成果7项。长三角合作事项落地12个。")
    areas = areas_by_raw(record, "indicator")
    assert areas["7项"] == "长三角某某示范区" and areas["12个"] == "长三角"


def test_a_heading_run_into_another_that_puts_a_body_last_introduces_it(make_record):
    """（六）加快…进程推动中心城区扩容提质。: two headings run together; the verb and the body
    named whole closing the sentence introduce the body to the sentence after."""
    record = make_record(plan="（六）加快新型城镇化进程推动中心城区扩容提质。实施城建项目20个，完成投资10亿元。")
    areas = areas_by_raw(record, "target")
    assert areas["20个"] == areas["10亿元"] == "中心城区"


def test_a_paragraph_heading_about_a_zones_building_heads_the_paragraph(make_record):
    """某某新区建设取得新进展。 or 高标准推进某某新区建设。 heads its paragraph past the
    sub-headings after it; a heading whose zone is no building's heads nothing."""
    record = make_record(review="某某新区建设取得新进展。承接疏解加力提速。首批项目开工，新增企业30家。\n"
                                "京津冀协同发展呈现新气象。深化合作。携手推进，共建产业链6条。\n"
                                "推进某某工业园管理体制改革。提升服务水平。新增就业1200人。",
                         plan="高标准推进某某新区建设。塑造城市风貌。年内完成投资2000亿元。")
    areas = areas_by_raw(record, "indicator")
    assert areas["30家"] == "某某新区"
    assert areas["6条"] == areas["1200人"] == "某某区"
    assert areas_by_raw(record, "target")["2000亿元"] == "某某新区"


def test_a_number_closing_a_list_counts_it_and_only_the_sentence_may_name_its_zone(make_record):
    record = make_record(review="产业提质升级，某某制造基地码头二期等10个项目完工。"
                                "某某科创园布局持续拓展，组建某某母基金等39只科创基金。")
    areas = areas_by_raw(record, "indicator")
    assert areas["10个"] == "某某区"  # the list's first item is no zone of the count's
    assert areas["39只"] == "某某科创园"  # the sentence opens with the zone the list belongs to


def test_one_project_named_after_an_amount_owns_it(make_record):
    record = make_record(review="总投资4.7亿元的东湖江水置换工程基本完工。总投资30亿元的8个园区项目有序推进。"
                                "总投资5亿元的重点项目开工。总投资9亿元的甲、乙等项目投产。")
    areas = areas_by_raw(record, "indicator")
    assert areas["4.7亿元"] == "东湖江水置换工程"
    assert areas["30亿元"] == areas["5亿元"] == areas["9亿元"] == "某某区"  # a count, a kind, a list of projects


@pytest.mark.parametrize("plan, later", [("打通开发区经一路、经二路。确保21万平方米的标准化厂房投用。", "21万平方米"),
                                         ("推进某某工业园管理体制改革。新增就业1200人。", "1200人")])
def test_a_zone_a_verb_acts_on_heads_no_later_sentence(make_record, plan, later):
    """打通开发区经一路 (the zone is the verb's object, a project's place) and 推进某某工业园改革
    (the verb's zone owns only its own sentence's figures): the sentences after are the region's."""
    assert areas_by_raw(make_record(plan=plan), "target")[later] == "某某区"


def test_a_zone_listed_among_other_things_or_a_verb_ending_in_a_zone_suffix_is_no_area(make_record):
    """某某产业园 listed among projects, and 返乡创业 (a verb, not a 乡), are no area."""
    record = make_record(review="某某产业园、甲食品工厂等15个项目签约落地。新增返乡创业1200人。")
    areas = areas_by_raw(record, "indicator")
    assert areas["15个"] == "某某区" and areas["1200人"] == "某某区"  # 新增 (area_stop), 返乡 (not_areas)


def test_a_named_body_opening_a_sentence_owns_its_figures_a_kind_of_body_or_a_verb_s_object_does_not(make_record):
    """某某大学某某学院, 某某县甲机械公司, 市第一医院 opening a sentence own its figures (areas.csv
    学院, 公司, 医院); 上市公司 and 三甲医院 are kinds (not_areas.csv), and 挂牌某某大学某某学院，…
    (the name fills its clause: the object of a verb run into it) owns none of the clauses after."""
    record = make_record(review="某某大学某某学院累计输送人才超过1000人。某某县甲机械公司出口增长5倍，利税增长2倍。"
                                "市第一医院胸痛中心建设达到国内领先水平，胸痛中心质量控制工作位居全国20强。"
                                "上市公司再融资增长5.4倍。三甲医院达到12家。挂牌某某大学某某学院，启动建设30个产业创新综合体。")
    areas = areas_by_raw(record, "indicator")
    assert areas["1000人"] == "某某大学某某学院"
    assert areas["5倍"] == areas["2倍"] == "某某县甲机械公司"
    assert areas["20强"] == "市第一医院"
    assert areas["5.4倍"] == areas["12家"] == areas["30个"] == "某某区"


def test_a_subject_is_never_a_bare_verb_a_base_or_a_comparison(make_record):
    """The subject drops bases (从…增加到), comparisons (高于全省), marks (首次突破) and lead verbs."""
    record = make_record(review="地区生产总值从9323.1亿元增加到13697.5亿元，年均增长7.3%，高于全省1个百分点。"
                                "生产总值首次突破3000亿元、增长7.2%。开工建设8个抽水蓄能电站。",
                         plan="锚定五年跨入全国经开区百强目标，启动49个老旧小区改造提升，有序盘活12万亩储备林。")
    subjects = {r["raw"]: r["subject"] for r in classify_report(record) if r["role"] in ("indicator", "target")}
    assert {subjects[k] for k in ("9323.1亿元", "13697.5亿元", "7.3%", "1个百分点")} == {"地区生产总值"}
    assert subjects["7.2%"] == "生产总值" and subjects["8个"] == "抽水蓄能电站"
    assert subjects["49个"] == "老旧小区改造提升" and subjects["12万亩"] == "储备林"


def test_units_read_whole_narrowed_concepts_and_stocks_after_flows(make_record):
    """千瓦时 and 千米 are units read whole; 亩 is exact; narrowed concepts get no code; 达到 after 净增 is the stock."""
    record = make_record(review="用电量12千瓦时，修建道路83千米，盘活土地2214.54万亩。吸纳京津技术合同成交额25亿元。"
                                "新型农业经营主体647家。净增市场主体3000家、达到3.3万家。新增高新技术企业50家，总数达到310家。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "indicator"}
    assert (rows["12千瓦时"]["value"], rows["12千瓦时"]["unit"]) == ("12", "kWh")  # not 12 × 千
    assert (rows["83千米"]["value"], rows["83千米"]["unit"]) == ("83", "km")
    assert rows["2214.54万亩"]["value"] == "14763600000"  # 亩 is exactly 10000/15 m2
    from pipeline.meaning.codebook import code_for
    assert code_for(rows["25亿元"]["subject"]) == "" and code_for(rows["647家"]["subject"]) == ""
    assert (rows["3.3万家"]["subject"], code_for(rows["3.3万家"]["subject"])) == ("市场主体", "market_entities_total")
    assert rows["310家"]["subject"] == "高新技术企业"  # 总数: the stock of them


def test_ranks_firms_counted_in_hu_thresholds_and_computing_power(make_record):
    """Ranks (前10位 le), 户 of firms as a count, an amount naming a class (other) and 万P of computing power."""
    record = make_record(review="规模以上工业增加值增速居全国前10位。世界500强排名从369位上升到235位。"
                                "规模以上工业企业增加到3382户，新增农户2000户。营业收入超50亿元企业3家，"
                                "新增专精特新企业170家企业。算力规模11.4万P。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["10位"]["measure"], rows["10位"]["comparator"]) == ("rank", "le")
    assert rows["235位"]["measure"] == "rank"
    assert rows["3382户"]["unit"] == "count" and rows["2000户"]["unit"] == "household"
    assert rows["50亿元"]["role"] == "other" and rows["3家"]["role"] == "indicator"
    assert rows["170家"]["role"] == "indicator"
    assert (rows["11.4万P"]["value"], rows["11.4万P"]["unit"]) == ("114000", "PFLOPS")


@pytest.mark.parametrize("review, measured", [
    ("对小微企业年应纳税所得额100万元至300万元部分减半征收。", []),
    ("所得额超过300万元部分减半征收。", []),
    ("所得额300万元以上部分减半征收。", []),
    ("完成投资20亿元部分用于基础设施。", [("20亿元", "投资")]),
])
def test_a_bounded_amount_before_部分_names_a_bracket_and_a_bare_one_is_measured(figures, review, measured):
    """100万元至300万元部分, 超过300万元部分: the bounds name a slice of income (cues kind
    bounded_class_noun), they measure nothing; 投资20亿元部分用于… has no bound, the amount is invested."""
    assert pick(figures(review=review), "raw", "subject") == measured


def test_a_size_class_before_the_noun_counted_measures_nothing(make_record):
    """10万吨级泊位, 10万千瓦级风电场 name a size class of the things counted (cues kind
    class_noun: role other), while 7亿吨级白云岩矿, a deposit found, is its size (级 approx)."""
    rows = {r["raw"]: r for r in classify_report(make_record(
        review="建成10万千瓦级风电场2个。新探明7亿吨级白云岩矿。", plan="新建3个10万吨级泊位。"))}
    assert rows["10万千瓦"]["role"] == rows["10万吨"]["role"] == "other"
    assert (rows["2个"]["role"], rows["3个"]["role"]) == ("indicator", "target")
    assert (rows["7亿吨"]["role"], rows["7亿吨"]["comparator"]) == ("indicator", "approx")


def test_income_compared_with_last_year_names_no_ratio(figures):
    """收入比上年增长8%: 收入比 (number_forms.csv kind ratio_noun) is no ratio here, the
    figure has its unit; 消费支出比值 needs its own row (收入比值 is 收入比 already)."""
    rows = figures(review="居民收入比上年增长8%。城乡居民消费支出比值由2.5缩小至2.2。")
    assert pick(rows, "raw", "measure", "unit") == [
        ("8%", "growth", "percent"), ("2.5", "multiple", "times"), ("2.2", "multiple", "times")]


def test_a_structure_of_shares_and_people_counted_in_wan(make_record):
    """19.2:38.5:42.3 is three shares, 2.1∶1 a ratio, a bare number after 收入比值 the ratio, 5575万农村贫困人口 people."""
    record = make_record(review="五年来，三次产业结构由22.2:41.3:36.5调整为19.2:38.5:42.3，城乡居民收入比缩小到2.1∶1，"
                                "5575万农村贫困人口实现脱贫，城乡居民收入比值由3.27缩小至2.93。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert [(rows[k]["value"], rows[k]["unit"], rows[k]["year"]) for k in ("3.27", "2.93")] == [
        ("3.27", "times", 2019), ("2.93", "times", 2024)]  # a bare number that a ratio's clause names: that ratio
    assert [rows[k]["subject"] for k in ("22.2", "41.3", "36.5")] == ["第一产业比重", "第二产业比重", "第三产业比重"]
    assert (rows["42.3"]["measure"], rows["42.3"]["unit"], rows["42.3"]["value"]) == ("share", "percent", "42.3")
    assert {rows[k]["year"] for k in ("22.2", "41.3", "36.5")} == {2019}  # the base: the year before the five
    assert {(rows[k]["year"], rows[k]["basis"]) for k in ("19.2", "38.5", "42.3")} == {(2024, "annual")}  # a year's shares
    ratio = rows["2.1∶1"]  # two terms are a ratio, not shares: the first a multiple of the second
    assert (ratio["measure"], ratio["value"], ratio["unit"]) == ("multiple", "2.1", "times")
    assert (ratio["year"], ratio["period_start"], ratio["basis"]) == (2024, 2024, "annual")  # a level, no change
    assert rows["1"]["role"] == "other"
    assert (rows["5575万"]["unit"], rows["5575万"]["measure"]) == ("person", "count")


@pytest.mark.parametrize("review, subjects", [
    # a verb before what it acts on (cues kind lead) is no part of the subject
    ("开通城际公交线路6条。", ["城际公交线路"]),
    ("累计投入帮扶资金3亿元。", ["帮扶资金"]),
    ("认定省级孵化器5家。", ["省级孵化器"]),
    ("新建、改扩建学校5所。", ["新建、改扩建学校"]),  # verbs that make what is counted stay (issue 13)
    # a clause that ends with an object verb counts what is named after the counter
    ("在各乡镇建设8个养老服务中心和20个日间照料站。", ["养老服务中心", "日间照料站"]),
    ("全力打造3个特色小镇。", ["特色小镇"]),
    # 由X提高到Y: 由 belongs to neither
    ("森林覆盖率由30%提高到32%。", ["森林覆盖率", "森林覆盖率"]),
    # a verb ending the clause after a counted noun (noun_tail, noun_end)
    ("实施12条乡村道路建设。", ["乡村道路"]),
    ("2个研究院启动建设。", ["研究院"]),
    ("支持5所乡镇卫生院改善就医环境。", ["乡镇卫生院"]),
    # verbs of proposing, applying and doing well, and time and manner words before them
    ("积极建言献策，累计提出意见建议300件。", ["意见建议"]),
    ("每年高质量办成10件民生实事。", ["民生实事"]),
    ("招标两家保洁企业。", ["保洁企业"]),
    ("高质量发展考核位居全市第3位。", ["高质量发展考核"]),  # a term that opens with a manner word stays whole
    ("隐性债务余额压降30%。", ["隐性债务余额"]),  # 压降 is the change's verb, as 压减
    ("工程提升40所普通高中办学能力。", ["普通高中办学能力"]),  # 提升 takes what is counted as its object
    ("组织3轮扶贫督导。", ["扶贫督导"]),
    ("严守18亿亩耕地红线。", ["耕地"]),
    ("近14亿人口的发展中大国。", ["人口"]),  # 人口 read as the counter 人 and 口: the noun of people counted
    # time, total and holding words, manner adverbs and verbs of handling or paying out opening a clause
    ("五年来累计建成标准化厂房100万平方米。", ["标准化厂房"]),  # 五年来 whole: 五年 alone left 来
    ("今年以来新增市场主体2万户。", ["新增市场主体"]),
    ("截至目前相继建成学校30所。", ["学校"]),
    ("扎实推进重点项目40个。", ["重点项目"]),
    ("共计兑现奖补资金2亿元。", ["奖补资金"]),
    ("现有高新技术企业300家。", ["高新技术企业"]),
    ("货物通关时间压缩50%。", ["货物通关时间"]),  # 压缩 is the cut's verb, as 压减
])
def test_subject_without_lead_verbs_and_tails(figures, review, subjects):
    """Lead verbs before what they act on, and verbs ending the clause after a
    counted noun, are no part of the subject."""
    assert [r["subject"] for r in figures(review=review)] == subjects


def test_list_items_share_the_head_written_after_the_last(figures):
    """小麦、玉米产量: each item takes the head written after the last item."""
    rows = figures(review="小麦、玉米产量分别增长2%、3%。钢铁、建材产业增加值分别增长5%、3%。")
    assert [r["subject"] for r in rows] == ["小麦产量", "玉米产量", "钢铁产业增加值", "建材产业增加值"]
    rows = figures(review="文化产业、旅游产业增加值占生产总值比重分别达到4%、5%。")
    assert [r["subject"] for r in rows] == ["文化产业增加值占生产总值比重", "旅游产业增加值占生产总值比重"]


def test_a_list_without_respectively_of_as_many_items_as_numbers(figures):
    """A list of as many items as numbers shares them out in order, without 分别."""
    rows = figures(review="污水处理、垃圾处理、绿化覆盖率达95%、90%、40%。")
    assert [r["subject"] for r in rows] == ["污水处理覆盖率", "垃圾处理覆盖率", "绿化覆盖率"]
    rows = figures(review="城乡居民养老、医疗保险参保人数分别达到40万人、60万人。")
    assert [r["subject"] for r in rows] == ["城乡居民养老保险参保人数", "城乡居民医疗保险参保人数"]  # shared lead and head


def test_a_streak_keeps_what_held_and_a_bare_rate_the_subject_before(figures):
    """增速连续8个季度居全省前3位: the streak keeps the rank held; 增速 is the growth of the figure before."""
    rows = figures(review="居民收入增长6%，增速连续8个季度居全省前3位。")
    assert [(r["raw"], r["subject"]) for r in rows] == [
        ("6%", "居民收入"), ("8个季度", "居民收入增速居全省前3位"), ("3位", "居民收入增速")]


def test_industry_structure_expands_into_its_three_shares(figures):
    """产业结构 10:40:50 is the shares of the three sectors."""
    rows = figures(review="产业结构由10:40:50调整为8:38:54。")
    assert [r["subject"] for r in rows][:3] == ["第一产业比重", "第二产业比重", "第三产业比重"]


def test_a_sentence_about_the_state_owned_firms_of_the_region(figures):
    """区属企业 opening a sentence is its area for all its figures; the subject is what they measure."""
    rows = figures(review="区属企业完成投资50亿元，增长8%。")
    assert [(r["area"], r["subject"]) for r in rows] == [("区属企业", "投资"), ("区属企业", "投资")]


PROVINCE_HEAD = "政府工作报告\n——2025年1月20日在四川省第十四届人民代表大会第三次会议上\n四川省省长 张三\n各位代表：\n"


def province_areas(tmp_path, review: str) -> dict[str, str]:
    """The area of each indicator of a province's review that is ``review``."""
    from pipeline.extract import extract_report
    path = tmp_path / "t.txt"
    path.write_text(f"{PROVINCE_HEAD}一、2024年工作回顾\n{review}\n二、2025年工作安排\n稳定就业。\n", encoding="utf-8")
    return {r["raw"]: r["area"] for r in classify_report(extract_report(path, {})) if r["role"] == "indicator"}


def test_a_division_of_the_region_opening_a_sentence_clause_or_list_item_is_the_area(tmp_path):
    """A division below the region (short name, peoples dropped) opening a sentence, clause or list item is the area."""
    areas = province_areas(tmp_path, "绵阳、德阳经济总量突破4000亿元。北川恢复重建任务提前完成，完成投资12亿元。"
                                     "新探明两处锂矿、凉山超10亿吨石灰岩矿。宜宾市规上工业增加值增长9%。"
                                     "五年来，浙江、广东对口协作，累计投入帮扶资金90亿元。")
    assert areas["4000亿元"] == "绵阳、德阳"  # short names: 绵阳市, 德阳市
    assert areas["12亿元"] == "北川"  # 北川羌族自治县, a county of 绵阳市: its peoples dropped too
    assert areas["10亿吨"] == "凉山"  # 凉山彝族自治州 opening the list item that holds the number
    assert areas["9%"] == "宜宾市"
    assert areas["90亿元"] == "浙江、广东"  # provinces, opening the sentence after its time phrase


def test_a_division_keeps_the_clauses_of_its_sentence_whose_number_counts_nothing(tmp_path):
    """绵阳…增长5倍，利税增长2倍: two clauses are no list of two, so 2 counts no places."""
    areas = province_areas(tmp_path, "绵阳电子出口增长5倍，利税增长2倍。")
    assert areas["5倍"] == areas["2倍"] == "绵阳"


def test_divisions_listed_before_respectively_share_out_its_figures(tmp_path):
    """成都、绵阳…分别: each division takes its figure, unless the list before 分别 is of other things too."""
    areas = province_areas(tmp_path, "成都、绵阳地铁日均客运量分别达600万人次、80万人次。"
                                     "成都、绵阳经济总量、税收分别增长6%、7%。")
    assert (areas["600万人次"], areas["80万人次"]) == ("成都", "绵阳")
    assert areas["6%"] == areas["7%"] == "成都、绵阳"  # the list before 分别 is of other things too


def test_a_division_is_no_area_where_it_is_counted_is_the_region_itself_or_starts_another_name(tmp_path):
    """A division that is counted, is the region itself or starts another name (宜宾港, 宜宾学院) is no area."""
    areas = province_areas(tmp_path, "绵阳、德阳、宜宾3个城市入选试点，新增就业2万人。四川经济总量突破6万亿元。"
                                     "宜宾港集装箱吞吐量增长10%。新增普通高中、宜宾学院附属中学等12所学校。")
    assert areas["2万人"] == "四川省"  # 3 counts the list: the sentence is about the province
    assert areas["6万亿元"] == "四川省"  # the region itself, named short
    assert areas["10%"] == "宜宾港"  # a port: its throughput is its own (areas.csv 港), not the city's
    assert areas["12所"] == "四川省"  # a list closed by 等 is counted


def test_a_division_list_counted_in_chinese_numerals_is_no_area(tmp_path):
    """绵阳、德阳两个区域中心城市: 两 counts the list as 2 does, so the figure is the province's."""
    areas = province_areas(tmp_path, "做大做强绵阳、德阳两个区域中心城市，新增就业3万人。")
    assert areas["两个"] == areas["3万人"] == "四川省"


def test_a_growth_clause_after_a_divisions_amount_is_about_that_division(tmp_path):
    """…，绵阳电子产值达50亿元，增长12%: the bare growth is of the amount before, so of its place;
    a clause of another thing, or a growth after the province's amount, is the province's."""
    areas = province_areas(tmp_path, "粮食产量稳定，绵阳电子产值达50亿元，增长12%，新增就业2万人。"
                                     "工业产值达90亿元，增长8%。")
    assert areas["50亿元"] == areas["12%"] == "绵阳"
    assert areas["2万人"] == areas["8%"] == "四川省"


def test_a_growth_clause_over_a_base_after_a_divisions_amount_is_about_that_division(tmp_path):
    """…，绵阳电子产值达50亿元，比上年增长12%: the base (cues kind growth_base) before the
    growth word leaves the clause a bare growth of the amount before."""
    areas = province_areas(tmp_path, "粮食产量稳定，绵阳电子产值达50亿元，比上年增长12%。")
    assert areas["50亿元"] == areas["12%"] == "绵阳"


def test_a_division_short_name_drops_its_suffix_and_peoples_and_keeps_two_characters():
    """A division's short name drops its suffix and peoples, and is at least two characters long."""
    from pipeline.meaning.areas import division_names
    assert division_names("酒泉市") == ("酒泉市", "酒泉")
    assert division_names("积石山保安族东乡族撒拉族自治县") == ("积石山保安族东乡族撒拉族自治县", "积石山")
    assert division_names("新疆维吾尔自治区") == ("新疆维吾尔自治区", "新疆")
    assert division_names("内蒙古自治区") == ("内蒙古自治区", "内蒙古")
    assert division_names("环县") == ("环县",)  # 环 alone is no name


@pytest.mark.parametrize("region_code", ["", "620000", "620900", "620921", "110000", "000000"])
def test_the_divisions_a_report_names_are_those_below_its_region_and_the_provinces(region_code):
    """The index by parent gives the rows a scan of the whole table gives, in table order."""
    from pipeline.meaning.areas import _named_divisions
    from pipeline.rules import table
    children = {row["code"] for row in table("divisions") if row["parent_code"] == region_code and region_code}
    scanned = [row for row in table("divisions") if row["code"] != region_code
               and (row["level"] == "province" or row["code"] in children or row["parent_code"] in children)]
    assert _named_divisions(region_code) == scanned
    assert len(scanned) > 30  # the provinces at least


def test_a_counted_or_located_zone_is_no_particular_place(make_record):
    """3个工业园区 (counted) and 在某某工业园 (a place where) are no area of the figure."""
    record = make_record(review="3个工业园区规上工业增加值增长8%。在某某工业园新建标准厂房5万平方米。")
    areas = areas_by_raw(record, "indicator")
    assert areas["8%"] == "某某区" and areas["5万平方米"] == "某某区"


def test_kinds_of_zones_run_together_are_no_particular_place(make_record):
    """园区开发区 is every park and zone of the region: their count and what follows are the region's."""
    record = make_record(review="园区开发区由30家整合为12家，亩均税收增长10%。")
    areas = areas_by_raw(record, "indicator")
    assert areas["30家"] == areas["10%"] == "某某区"


def test_a_verb_that_makes_what_is_counted_stays_and_a_list_shares_it(figures):
    """Issue 13 (tests/labels/README.md): 新建, 改造 … name the year's new things, so the
    subject keeps them, and the items listed after the first take the verb written once."""
    rows = figures(review="新建口袋公园12个、街心花园3个，其中社区公园2个。更新改造燃气管网15公里。新设8个学院。"
                          "年均新增城镇就业3万人。出让土地12宗、成交价8亿元。新增软件企业600家、从业人员达到4万人。新增贷款20亿元、贷存比60%。")
    assert pick(rows, "raw", "subject") == [
        ("12个", "新建口袋公园"), ("3个", "新建街心花园"), ("2个", "社区公园"), ("15公里", "更新改造燃气管网"),
        ("8个", "学院"), ("3万人", "新增城镇就业"), ("12宗", "出让土地"), ("8亿元", "出让土地成交价"),
        ("600家", "新增软件企业"), ("4万人", "从业人员"),
        ("20亿元", "新增贷款"), ("60%", "贷存比")]



def test_an_alias_written_with_a_link_keeps_its_code(make_record):
    """新建和改造提升: the subject keeps both making verbs, and the codebook's alias, link and all, still codes it."""
    from pipeline.meaning.codebook import figure_code
    rows = [r for r in classify_report(make_record(review="新建和改造提升高标准农田20万亩。")) if r["role"] == "indicator"]
    assert [(r["subject"], figure_code(r)) for r in rows] == [("新建和改造提升高标准农田", "high_standard_farmland")]


def test_a_long_subject_is_cut_where_a_word_starts(figures):
    """Issue 13: no subject that starts in the middle of a word (级以上…科创平台)."""
    rows = figures(review="政务服务事项一网通办改革全面推开落地见效、涉企经营许可事项全程网办率达到95%。")
    assert [r["subject"] for r in rows] == ["涉企经营许可事项全程网办率"]



def test_a_made_verb_alone_is_no_subject(figures):
    """新增 alone names nothing: new ones of the thing the number before counted, else no verb as a subject."""
    from pipeline.rules import cues
    rows = figures(review="全县市场主体达3.9万户，新增3600户。实施城市更新项目29个、更新改造27万平方米。")
    assert pick(rows, "raw", "subject")[:3] == [("3.9万户", "市场主体"), ("3600户", "新增市场主体"), ("29个", "城市更新项目")]
    assert rows[3]["subject"] not in cues("made")


@pytest.mark.parametrize("review, subjects", [
    # words between a subject and its verb (cues kind tail): a basis, a base's qualifier, an adverb, a level reached
    ("森林面积累计增加3万亩。", ["森林面积"]),
    ("产值从不到5亿元增加到8亿元。", ["产值", "产值"]),
    ("平均寿命再提高1岁。", ["平均寿命"]),
    ("人均收入跨越3万元大关。", ["人均收入"]),
    ("城乡收入比缩小至2:1。", ["城乡收入比"]),
])
def test_subject_without_words_between_it_and_its_verb(figures, review, subjects):
    """A basis, a base's qualifier, an adverb or a level reached between a subject and its verb is no part of it."""
    assert [r["subject"] for r in figures(review=review)] == subjects


def test_crossing_is_a_mark_passed_only_before_an_amount_or_a_mark(figures):
    """跨越 (qualifiers.csv position mark) is gt before an amount (跨越3万元) or a mark
    (跨越1000家大关); a road crossing 5个乡镇 passes no mark: eq."""
    rows = figures(review="人均收入跨越3万元大关。企业跨越1000家大关。新建高速公路跨越5个乡镇。")
    assert pick(rows, "raw", "comparator") == [("3万元", "gt"), ("1000家", "gt"), ("5个", "eq")]


def test_a_share_opening_its_clause_is_of_what_the_number_before_measured(figures):
    """Issue 13: 占年度计划的120% names only the whole, the part is the figure before (cues kind share_of)."""
    rows = figures(review="重点项目完成投资80亿元，占年度计划的120%。数字经济规模300亿元，占地区生产总值比重12%、占全省比重5%。")
    assert pick(rows, "raw", "subject") == [
        ("80亿元", "重点项目完成投资"), ("120%", "重点项目完成投资占年度计划"), ("300亿元", "数字经济规模"),
        ("12%", "数字经济规模占地区生产总值比重"), ("5%", "数字经济规模占全省比重")]


def test_the_reports_own_region_is_no_part_of_a_subject(figures):
    """The test report is 某某区's: its full name opening a subject is dropped, but not
    its short name: where it names a facility (某某区港) or an institution (某某大学, a
    body of areas.csv) that is the area, and the subject is what it counts."""
    rows = figures(review="某某区财政收入突破20亿元。某某区港吞吐量增长5%。某某大学毕业生达到5000人。")
    assert pick(rows, "raw", "subject", "area") == [("20亿元", "财政收入", "某某区"), ("5%", "吞吐量", "某某区港"),
                                                    ("5000人", "毕业生", "某某大学")]


@pytest.mark.parametrize("review, subjects", [
    # who was first is no part of it (cues kind first_of), nor a year opening the clause
    ("某某港成为全省首个吞吐量超过1亿吨的港口。", ["吞吐量"]),
    ("2020年生产总值达500亿元。2020年以来新增企业50家。", ["生产总值", "新增企业"]),
    # nor a date (month, day, 底前) opening it or left after a lead word (今年)
    ("力争今年6月底前建成5G基站100个，7月1日前新增停车位3000个。", ["5G基站", "新增停车位"]),
    # a noun that opens with a lead word stays whole (cues kind lead_noun), unless a word goes on after its 区
    ("建成区面积近30平方公里。建成区域性服务中心5个。", ["建成区面积", "区域性服务中心"]),
    ("获得省科技进步奖5项。", ["省科技进步奖"]),
    # a conversion is of the amount before; 人民币 after the counter is the unit's (cues kind unit_note)
    ("实际利用外资达到10亿美元、折合70亿元人民币。", ["实际利用外资", "实际利用外资"]),
])
def test_subject_without_who_was_first_a_year_or_a_conversion(figures, review, subjects):
    """Who was first, a year or date opening the clause and a conversion's unit note are no part of the subject."""
    assert [r["subject"] for r in figures(review=review)] == subjects


def test_a_span_ahead_opening_the_clause_is_no_part_of_the_subject(figures):
    """未来3年, 今后五年 (number_forms.csv kind date_before) say when: the subject is
    what follows them, not the span, which measures nothing."""
    rows = figures(plan="未来3年新增城镇就业3万人以上。今后五年新增城镇就业15万人。")
    assert pick(rows, "raw", "subject") == [("3万人", "新增城镇就业"), ("15万人", "新增城镇就业")]


def test_a_list_named_in_the_clause_before_a_base(figures):
    """接待游客人数、旅游收入，较“十三五”末分别增长…: the clause before the numbers names
    only a base, so the items are named in the clause before it (which holds no number);
    words after 分别 that name something (完成年度任务) are every item's shared tail."""
    rows = figures(review="全区接待游客人数、旅游综合收入，较“十三五”末分别增长50%和60%。"
                          "每千人口床位数、执业医师数，较上年提高4%、5%。游客17万人次、花费1亿元，分别增长3%、4%。"
                          "城镇新增就业、困难人员就业，分别完成年度任务的120%、130%。")
    assert pick(rows, "raw", "subject")[:8] == [
        ("50%", "接待游客人数"), ("60%", "旅游综合收入"), ("4%", "每千人口床位数"), ("5%", "每千人口执业医师数"),
        ("17万人次", "游客"), ("1亿元", "花费"), ("3%", "游客"), ("4%", "花费")]
    assert pick(rows, "raw", "subject")[8:] == [  # 完成任务的120%: a share of the task, said after 分别, each item's
        ("120%", "城镇新增就业完成年度任务"), ("130%", "困难人员就业完成年度任务")]


def test_items_named_after_their_counters_and_a_rank_of_two_growths(figures):
    """Issue 13: in 7个县全部摘帽、9个村全部出列 what follows the first noun ends its item,
    so the next number is named after its counter; words after a 、 that name nothing
    (累计达到) open the next number's clause; 均为全市第1位 ranks both growths before it."""
    rows = figures(review="7个贫困县全部摘帽、9个贫困村全部出列。新推出7项改革举措、累计达到60项。"
                          "园区入驻7所院校，8条连通工程基本建成，90%的行政村通了公交。"
                          "工业增加值增长6%，零售总额增长-2.6%，均为全市第1位。")
    assert pick(rows, "raw", "subject") == [
        ("7个", "贫困县"), ("9个", "贫困村"), ("7项", "改革举措"), ("60项", "改革举措"),
        ("7所", "院校"), ("8条", "连通工程"), ("90%", "行政村通了公交"),
        ("6%", "工业增加值"), ("2.6%", "零售总额"), ("1位", "工业增加值增速、零售总额增速")]


def test_verbs_alone_name_nothing(figures):
    """新建和改造30公里管网: verbs joined by a link are no subject; what they made follows the counter."""
    rows = figures(review="新建和改造30公里管网。新建、盘活90万平方米标准厂房。")
    assert pick(rows, "raw", "subject") == [("30公里", "管网"), ("90万平方米", "标准厂房")]


def test_a_counted_noun_ends_before_the_verb_after_it_and_its_investment_runs_on(figures):
    """30个重点项目完成投资50亿元: the count is of 重点项目 (noun_end 完成), the amount
    the investment of those projects; an adverb left before the cut verb and a goal
    word at the end (noun_tail) are no part of what is counted."""
    rows = figures(review="30个重点项目完成投资50亿元。15件民生实事如期完成。为600名困难学生发放资助金。"
                          "完成100个“无废细胞”创建目标。")
    assert pick(rows, "raw", "subject") == [
        ("30个", "重点项目"), ("50亿元", "重点项目完成投资"), ("15件", "民生实事"), ("600名", "困难学生"),
        ("100个", "“无废细胞”")]


def test_a_verb_said_of_things_is_inside_the_noun_a_verb_before_the_number_takes(figures):
    """新增50家家庭医生签约服务机构: after a verb that takes the counted things as its
    object, 签约, 实施 (cues kind said_of) are inside one noun, no cut; an investment
    that runs on keeps its verb but no tail or qualifier words (同比增长, 超过)."""
    rows = figures(review="新增50家家庭医生签约服务机构。建成12个省级实施示范区。"
                          "30个重点项目完成投资同比增长12%。20个重点项目完成投资超过50亿元。")
    assert pick(rows, "raw", "subject") == [
        ("50家", "家庭医生签约服务机构"), ("12个", "省级实施示范区"), ("30个", "重点项目"),
        ("12%", "重点项目完成投资"), ("20个", "重点项目"), ("50亿元", "重点项目完成投资")]


def test_the_total_of_a_quantity_is_that_quantity_and_of_new_things_their_stock(figures):
    """总量 after 地区生产总值 is 地区生产总值; after 新增贷款 the stock, 贷款 (cues kind total_word:
    the basis says it is a total); 经济总量 names its measure whole."""
    rows = figures(review="地区生产总值增长6%，总量突破500亿元。新增贷款200亿元，总量达到3000亿元。"
                          "建设7万套保障性租赁住房，总量达到60万套。市场主体总量超过9万户，经济总量突破80亿元。")
    assert [r["subject"] for r in rows] == ["地区生产总值", "地区生产总值", "新增贷款", "贷款",
                                            "保障性租赁住房", "保障性租赁住房", "市场主体", "经济总量"]


def test_a_streak_holding_a_figure_of_its_own_keeps_the_subject(figures):
    """粮食产量连续四年稳定在37万吨以上: what held is the level, a figure of its own, so
    the streak is of 粮食产量; a rank held stays in the streak's subject."""
    rows = figures(review="粮食产量连续四年稳定在37万吨以上。工业增加值增速连续30个月居全国前10位。")
    assert pick(rows, "raw", "subject")[:2] == [("四年", "粮食产量"), ("37万吨", "粮食产量")]
    assert rows[2]["subject"] == "工业增加值增速居全国前10位"


def test_a_rank_after_a_counted_noun_ends_it_and_ranks_it(figures):
    """8项指标增速居全国前3位: 居全国 (rank verb and area) ends what 8项 counts, and the
    rank is of the same thing; an award (被评为全省…) is no rank: the streak holds the title, without its verb."""
    rows = figures(review="8项主要指标增速居全国前3位。连续两年被评为全省先进市。")
    assert pick(rows, "raw", "subject") == [("8项", "主要指标增速"), ("3位", "主要指标增速"), ("两年", "全省先进市")]


def test_a_share_of_the_number_before_is_of_its_period(figures):
    """占财政支出总量的80% after a five-year total is cumulative over the same years."""
    rows = figures(review="五年来，累计投入民生资金2000亿元，占财政支出总量的80%。")
    assert pick(rows, "value", "basis", "period_start") == [("200000000000", "cumulative", 2020), ("80", "cumulative", 2020)]


def test_a_share_opening_the_last_list_item_is_of_the_number_before(figures):
    """交易255亿美元、占全球10%左右: the share after a 、 is of the year's deals, annual as they are."""
    rows = figures(review="生物医药海外授权交易255亿美元、占全球10%左右。")
    assert pick(rows, "value", "basis") == [("25500000000", "annual"), ("10", "annual")]


def test_counties_counted_after_their_names(figures):
    """卓尼、临潭2县: 县 counts the counties listed; 人口超50万县 counts no 50万 counties."""
    rows = figures(review="卓尼、临潭2县新通高速公路。培育城区人口超50万县。")
    assert pick(rows, "raw", "unit", "measure") == [("2县", "count", "count")]


def test_all_the_divisions_counted_after_the_whole_region_name_its_make_up(figures):
    """全市10县区全部脱贫: divisions counted with no 个 right after the word for the whole
    region (cues kind whole_set) name all of them, no quantity reached; 县域 is no counter."""
    assert figures(review="全市10县区全部脱贫。全市9县市区全部达标。全省86县域经济总量增长。") == []


def test_divisions_listed_or_of_a_part_are_counted(figures):
    """凉州、陇西、康县3县区 sums the list, 黄河流域4市州 counts a part of the region's
    divisions: counts, as 卓尼、临潭2县 is."""
    rows = figures(review="凉州、陇西、康县3县区完成宅基地改革试点。开展黄河流域4市州环保督察。")
    assert pick(rows, "raw", "value", "unit", "measure") == [("3县区", "3", "count", "count"),
                                                             ("4市州", "4", "count", "count")]


def test_pairs_are_counted(figures):
    """新增友好城市3对: 对 counts pairs, things as 个 does."""
    assert pick(figures(review="新增友好城市3对。"), "raw", "value", "unit") == [("3对", "3", "count")]


def test_a_day_is_a_date_only_after_a_month(figures):
    """6月1日 is a date; 开办企业1日办结 with no month before it is a time limit, a duration."""
    rows = figures(plan="自6月1日起，开办企业1日办结。")
    assert pick(rows, "raw", "role", "value", "unit", "measure") == [("1日", "target", "1", "day", "duration")]


@pytest.mark.parametrize("plan", ["10月1日至7日举办农民丰收节。", "每月5日、20日发放补贴。"])
def test_a_day_without_a_time_limit_after_it_is_a_date(figures, plan):
    """至7日, 5日、20日: a day with no month right before it is still a date; only a word
    of a time limit after it (number_forms kind day_limit: 1日办结, 3日内) makes it a duration."""
    assert figures(plan=plan) == []


def test_the_pool_of_a_ranking_is_no_figure(figures):
    """在全国344个城市第三方评估中位列第27名: 344 is among how many the place is ranked."""
    rows = figures(review="政务服务热线在全国344个城市第三方评估中位列第27名。")
    assert pick(rows, "raw", "measure") == [("27名", "rank")]


@pytest.mark.parametrize("review, subject", [
    ("存在问题整改率在全省考核中位列第3名。", "存在问题整改率"),
    ("在建项目开工率在全市考评中位列第1名。", "在建项目开工率"),
    ("某某热线在全省考评中位列第3名。", "某某热线"),
    ("在全省重点项目综合考评中位居第二名。", "全省重点项目综合考评"),
])
def test_a_rank_frame_opens_at_its_last_open_word(figures, review, subject):
    """在…中 (cues kinds rank_frame_open, rank_frame_close): what was ranked may hold a 在
    of its own (存在, 在建); the frame opens at the last one."""
    assert [r["subject"] for r in figures(review=review) if r["measure"] == "rank"] == [subject]


def test_a_level_a_years_review_changes_from_is_of_the_year_before(figures):
    """三次产业结构比由18.7:37.7:43.6调整为…: in the review of 2024 the shares it left are 2023's."""
    rows = figures(review="三次产业结构比由18.7:37.7:43.6调整为18.1:33.1:48.8，企业由20家增加到30家。")
    assert pick(rows, "value", "year") == [("18.7", 2023), ("37.7", 2023), ("43.6", 2023), ("18.1", 2024),
                                           ("33.1", 2024), ("48.8", 2024), ("20", 2023), ("30", 2024)]


def test_manner_payout_and_handling_words_open_no_subject(figures):
    """依法, 公开, 清单化 (how), 拨付, 发放 (paying out), 办理 (handling), 首批, 创成: the
    subject is what follows them; the verb that makes the items stays for each item of
    the list, and a lead before a bare attribute (办复率) is the attribute's."""
    rows = figures(review="依法拆违17万平方米，公开招聘教师216名，拨付救助备用金200万元。"
                          "办理人大代表建议56件，办复率100%。首批建成10所学校。创成100个示范村。",
                   plan="清单化项目化改造燃气管网650公里、供热管网800公里。")
    assert pick(rows, "subject") == [("拆违",), ("招聘教师",), ("救助备用金",), ("人大代表建议",), ("办复率",),
                                     ("学校",), ("示范村",), ("改造燃气管网",), ("改造供热管网",)]


def test_what_befell_the_things_counted_is_no_part_of_them(figures):
    """8家矿山关闭退出, 17项服务上线运行, 44项工程汛前完工: the words after the
    counted things say what happened to them; 高标准农田 stays one term."""
    rows = figures(review="8家矿山关闭退出，17项服务上线运行，44项工程汛前全部完工，高标准农田达到100万亩。")
    assert pick(rows, "subject") == [("矿山",), ("服务",), ("工程",), ("高标准农田",)]


def test_each_item_of_a_list_takes_every_verb_that_made_the_first(figures):
    """年内引进或培育带货达人200人、网红品牌20个: the items share 引进或培育 (a verb link
    joins the verbs), and 新引进 is such a verb too; 年内, 年度完成 (time and reaching)
    and 跃升 (a rise in rank) are no part of the subject."""
    rows = figures(review="新引进顶尖人才22名、领军人才189名。年度完成抽样检测1800批次。创新能力跃升54个位次。",
                   plan="年内引进或培育带货达人200人、网红品牌20个。")
    assert pick(rows, "subject") == [("新引进顶尖人才",), ("新引进领军人才",), ("抽样检测",), ("创新能力",),
                                     ("引进或培育带货达人",), ("引进或培育网红品牌",)]


def test_a_distributive_list_shares_its_scope_word_and_quoted_names_are_items(figures):
    """建成区绿地率、绿化覆盖率分别…: 建成区 (cues kind shared_lead) is every item's;
    “一网通办”“免证办”事项分别…: quoted names side by side are the list's items."""
    rows = figures(review="建成区绿地率、绿化覆盖率分别提高到36%、40.4%，人均公园绿地面积12.4平方米。"
                          "“一网通办”“免证办”事项分别达到1700余项、1000余项。")
    assert pick(rows, "subject") == [("建成区绿地率",), ("建成区绿化覆盖率",), ("人均公园绿地面积",),
                                     ("“一网通办”事项",), ("“免证办”事项",)]  # 绿地率 is a rate of its own


def test_a_listed_item_with_a_distributive_word_takes_the_verb_and_a_growth_rate_is_its_quantity(figures):
    """新增停车位1076个、公厕和口袋公园各5个: 各 is no word of the item's own, so it takes
    新增; 增加值增长率达到30.3% is the growth of 增加值 (增长率 is the measure's word)."""
    rows = figures(review="新增停车位1076个、公厕和口袋公园各5个。高新技术产业增加值增长率达到30.3%。")
    assert pick(rows, "subject", "measure") == [("新增停车位", "count"), ("新增公厕和口袋公园", "count"),
                                                ("高新技术产业增加值", "growth")]


def test_the_things_counted_end_before_what_is_said_of_them(figures):
    """巩固368个经济薄弱村扶持成效, 26种医用耗材价格大幅降低, 提升100家机构服务水平: the
    support, the price and the service level are said of the things counted; after
    带动 (who leads) the counted things follow the counter."""
    rows = figures(review="巩固368个经济薄弱村扶持成效，26种医用耗材价格大幅降低，提升100家供养机构服务水平。"
                          "产业基金带动74只母基金投资721个项目。")
    assert pick(rows, "subject")[:4] == [("经济薄弱村",), ("医用耗材",), ("供养机构",), ("母基金投资",)]


def test_what_is_driven_keeps_the_verb_that_makes_the_number(figures):
    """带动 (cues kind lead) is who leads, no part of the subject; 增收 makes the
    number (tests/labels/README.md, Subject: keep the verb when the number counts
    what it makes), so 带动农民增收2亿元 is 农民增收, as 带动就业5000人 is 就业."""
    rows = figures(review="带动就业5000人。带动农民增收2亿元。")
    assert pick(rows, "raw", "subject") == [("5000人", "就业"), ("2亿元", "农民增收")]


def test_subjects_follow_the_guides_conventions_on_verbs_and_what_befalls_counted_things(make_record):
    """tests/labels/README.md: only verbs of kind made stay before the noun (建设, 推进
    are dropped), verb-number-noun gives the noun, and 竣工, 开工 after the counted
    things are no part of them; a trailing 任务 stays (15项重点任务 counts tasks)."""
    record = make_record(review="建设人才公寓3000套，推进项目12个。新建6个口袋公园。"
                                "18个项目竣工，9个产业项目全面开工。完成200套棚户区改造任务。")
    subjects = {r["raw"]: r["subject"] for r in classify_report(record) if r["role"] == "indicator"}
    assert (subjects["3000套"], subjects["12个"], subjects["6个"]) == ("人才公寓", "项目", "口袋公园")
    assert (subjects["18个"], subjects["9个"], subjects["200套"]) == ("项目", "产业项目", "棚户区改造任务")


def test_a_bracket_ending_a_subject_is_dropped(make_record):
    """tests/labels/README.md: a bracket ending the subject glosses the noun (智能工厂（车间）),
    dropped, also from a listed item that takes the list's verb; one inside stays."""
    record = make_record(review="创建智能工厂（车间）4个。新增绿色工厂2家、智能工厂（车间）7家。"
                                "新建高速（一级）公路20公里。")
    subjects = {r["raw"]: r["subject"] for r in classify_report(record) if r["role"] == "indicator"}
    assert (subjects["4个"], subjects["7家"], subjects["20公里"]) == ("智能工厂", "新增智能工厂", "新建高速（一级）公路")


def test_a_noun_of_measures_after_the_counter_is_what_is_counted(make_record):
    """出台推动国企改革8项重点举措: a noun of measures after the counter (cues kind
    counted_after) is what is counted, the words before the number say what the
    measures are for; a phrase with a list link after an event count (3次通报表扬
    案例和实事) is a clause of its own."""
    record = make_record(review="出台推动国企改革8项重点举措。办好城乡建设12件实事。"
                                "监委办公室3次通报表扬本区案例和实事。")
    subjects = {r["raw"]: r["subject"] for r in classify_report(record) if r["role"] == "indicator"}
    assert (subjects["8项"], subjects["12件"]) == ("重点举措", "实事")
    assert subjects["3次"] != "通报表扬本区案例和实事"


def test_a_count_of_digits_is_a_floor_on_growth(figures):
    """保持两位数增长: 两 counts the digits of a rate, at least 10% (三位数: 100%);
    两位数 not before 增长 (两位数的代码) measures no growth."""
    rows = figures(review="工业投资保持两位数增长，外贸进出口实现三位数增长。编制两位数的代码。")
    assert pick(rows, "raw", "value", "unit", "comparator", "measure") == [
        ("两位数增长", "10", "percent", "ge", "growth"), ("三位数增长", "100", "percent", "ge", "growth")]


def test_a_fraction_in_a_share_is_a_percent(figures):
    """占全省的1/10: the numerator carries the share (10%), the denominator stays a
    bare number; 1/10 with no share word (a date) is no fraction; 占全省的三分之二 is 66.67%."""
    rows = figures(review="全市高速公路通车里程占全省的1/10。1/10开始办理。耕地面积占全省的三分之二。")
    assert pick(rows, "raw", "value", "unit", "measure") == [
        ("1/10", "10", "percent", "share"), ("三分之二", "66.67", "percent", "share")]


def test_a_distributive_word_inside_a_subject_is_dropped(figures):
    """产业项目均到位, 产业项目分别到位: the distributive word says how the numbers are
    shared out (tests/labels/README.md), no part of what is measured; 人均 is a word of its own."""
    rows = figures(plan="产业项目均到位10亿元以上。产业项目分别到位5亿元、2亿元。人均预期寿命达到80岁。")
    assert pick(rows, "subject") == [("产业项目到位",), ("产业项目到位",), ("产业项目到位",), ("人均预期寿命",)]


def test_names_before_a_counter_and_a_lettered_name_after_it(figures):
    """新增甲、乙3家5A级景区, 申报“甲”“乙”两个地标产品: names before the counter are the
    things counted one by one; what they are follows it, 5A级 included."""
    rows = figures(review="新增东湖、西山、南岭3家5A级景区。积极申报“东湖茄子”“西山萝卜”两个地标产品。")
    assert pick(rows, "subject") == [("5A级景区",), ("地标产品",)]


def test_a_change_whose_clause_names_nothing_is_of_the_clause_before(figures):
    """空气质量综合指数6.06（a bare number, no figure），同比下降6.87%: the change is of
    what the clause before names."""
    rows = figures(review="生态环境持续改善，全年空气质量综合指数6.06，同比下降6.87%。")
    assert pick(rows, "subject", "value") == [("空气质量综合指数", "-6.87")]


def test_what_the_first_item_measures_an_attribute_of_is_every_items(figures):
    """事故起数、死亡人数分别下降: 起数 is an attribute of 事故 (cues kind measured_attribute),
    and so is each item after it."""
    rows = figures(review="安全事故起数、死亡人数分别下降10%、8%。")
    assert pick(rows, "subject") == [("安全事故起数",), ("安全事故死亡人数",)]


def test_a_grade_alone_takes_the_place_of_the_grade_in_the_subject_before(figures):
    """获评国家级示范园区2个、省级5个: 省级 stands where 国家级 stood, after the verb;
    其中国家级6家 puts the grade before things that had none."""
    rows = figures(review="获评国家级示范园区2个、省级5个。龙头企业达410家，其中国家级6家、省级80家。")
    assert [r["subject"] for r in rows] == ["获评国家级示范园区", "获评省级示范园区", "龙头企业",
                                            "国家级龙头企业", "省级龙头企业"]


def test_grades_joined_by_a_pause_are_no_list_of_things_counted(figures):
    """一、二级医院90%以上…: a pause after a single numeral joins grades; the subject
    is before the number, not after it as for 新增东湖、西山3家景区."""
    rows = figures(plan="确保一、二级综合性医院90%以上建成老年友善医院。新改建口袋公园12处、公厕9座。")
    assert pick(rows, "subject") == [("一、二级综合性医院",), ("新改建口袋公园",), ("新改建公厕",)]


def test_a_modifier_item_takes_the_noun_of_the_next_item(figures):
    """12个国家级、247个省级创新平台: the first item is a modifier alone, and takes the
    noun the next goes on with after its own modifier; 8个养老中心、20个日间照料站 share none,
    nor does a long item, a noun of its own (22项功能性导入事项、10个重点项目: not 事项目).
    A link to an uncounted batch (和一批优势产业) is no part of what is counted."""
    rows = figures(review="带动形成12个国家级、247个省级创新平台。新建8个养老中心、20个日间照料站。"
                          "培育形成3个千亿级、10个百亿级产业集群和一批优势产业。"
                          "落地22项功能性导入事项、10个重点项目。")
    assert pick(rows, "subject") == [("国家级创新平台",), ("省级创新平台",), ("养老中心",), ("日间照料站",),
                                     ("千亿级产业集群",), ("百亿级产业集群",), ("功能性导入事项",), ("重点项目",)]


def test_a_short_listed_item_takes_the_qualifiers_it_shares_with_the_item_before(figures):
    """示范村 after 新增省级示范乡镇7个 is 新增省级示范村 (示范 starts both); a longer item only the verb."""
    rows = {r["raw"]: r["subject"] for r in figures(
        review="新增省级示范乡镇7个、示范村39个。新增市级现代农业园区4家、农业产业化联合体3家。")}
    assert rows["39个"] == "新增省级示范村" and rows["3家"] == "新增农业产业化联合体"


def test_a_prefecture_written_with_its_kind_is_the_area(tmp_path):
    """凉山州: a short name with 州 (cues kind division_written) is the division itself, as written."""
    areas = province_areas(tmp_path, "凉山州经济总量突破2000亿元。")
    assert areas["2000亿元"] == "凉山州"


def test_a_division_before_urbanisation_is_the_area(tmp_path):
    """四川城镇化率: the 镇 of 城镇化 (cues not_zone_after 化) ends no town's name, so 绵阳 is the place."""
    areas = province_areas(tmp_path, "绵阳城镇化率提高1.5个百分点。")
    assert areas["1.5个百分点"] == "绵阳"


def test_a_list_of_zones_shares_out_its_numbers_and_a_clause_opening_with_respectively_goes_on(figures):
    """甲经开区、乙经开区排名46位、82位: one zone per number, as 分别 would; …，分别提升6位、49位:
    the same zones, in order; the next sentence's 分别 shares out no zone."""
    rows = figures(review="城东经开区、城西经开区全国排名46位、82位，分别提升6位、49位。投资、产值分别增长5%、7%。")
    assert [r["area"] for r in rows] == ["城东经开区", "城西经开区", "城东经开区", "城西经开区", "某某区", "某某区"]


def test_households_and_firms_by_what_their_clause_counts(figures):
    """户 of firms is a count; of market entities a household, even when firms are counted next;
    a total (总数) counts what its sentence named before it."""
    rows = {r["raw"]: r["unit"] for r in figures(
        review="新设经营主体20万户，其中企业5万户。新增规上企业100户，总数达到2000户。新增农户80户，总数达到900户。")}
    assert rows == {"20万户": "household", "5万户": "count", "100户": "count", "2000户": "count",
                    "80户": "household", "900户": "household"}


def test_a_number_ending_its_clause_that_counts_the_zones_named_is_the_regions(figures):
    """百亿园区达到11个: the zones are what is counted; 某某产业园8家企业入选… counts the park's
    firms, and 某某经开区跻身全国50强 ranks the zone."""
    rows = figures(review="百亿产业园达到11个。某某产业园8家企业入选试点。某某经开区跻身全国50强。")
    assert [r["area"] for r in rows] == ["某某区", "某某产业园", "某某经开区"]


def test_a_rank_listed_after_a_rank_is_one_too(figures):
    """分别提升6位、49位: the second number follows the first's rank verb."""
    rows = figures(review="甲、乙两区全国排名分别提升6位、49位。")
    assert pick(rows, "value", "measure") == [("6", "rank"), ("49", "rank")]


def test_a_zones_area_ranking_is_what_is_ranked_and_the_zone_its_area(figures):
    """城东高新区全国排名53位: 全国排名 is what is ranked, the zone the figure's area,
    in a list of zones too (each zone takes the ranking written once after them)."""
    rows = figures(review="城东高新区全国排名53位、提升3位，城西经开区、城北经开区全国排名46位、82位。")
    assert pick(rows, "subject", "area") == [("全国排名", "城东高新区"), ("全国排名", "城东高新区"),
                                             ("全国排名", "城西经开区"), ("全国排名", "城北经开区")]


def test_a_streak_of_holding_on_is_of_the_figure_before(figures):
    """…增长11.9%，连续12个月保持两位数增长: the clause names nothing and goes on with a
    verb of holding, so the streak (and the 两位数 it held) is of the investment; a streak
    followed by a noun is of that noun."""
    rows = figures(review="民间投资增长11.9%，连续12个月保持两位数增长。工业增加值增长6%，连续五年安全考核获评A级。")
    assert [r["subject"] for r in rows] == ["民间投资", "民间投资", "民间投资", "工业增加值", "安全考核获评A级"]


def test_a_qualifier_between_a_verb_and_its_count_leaves_the_object_after_the_counter(figures):
    """免费教育覆盖近30万儿童: 近 stands between the verb and the count; what is covered follows."""
    rows = figures(review="学前一年免费教育覆盖近30万儿童。")
    assert [r["subject"] for r in rows] == ["儿童"]


def test_a_counter_that_names_the_things_counted_is_the_subject(figures):
    """惠及近千万家庭, 上亿市场主体: with no words before naming what is counted, the
    counter is the noun of it (cues kind counted_noun), not the sentence before."""
    rows = figures(review="改造老旧小区5.6万个，惠及近千万家庭。上亿市场主体活力迸发。")
    assert pick(rows, "subject", "unit", "comparator") == [("改造老旧小区", "count", "eq"), ("家庭", "household", "approx"),
                                                           ("市场主体", "household", "gt")]


@pytest.mark.parametrize("bound, comparator", [("不高于", "le"), ("不超", "le"), ("未超过", "le"), ("不小于", "ge"),
                                               ("不多于", "le"), ("大于", "gt"), ("小于", "lt")])
def test_a_negated_bound_is_read_whole_not_as_the_bound_it_ends_with(figures, bound, comparator):
    """不高于3% is at most 3%: read as its last word 高于 it was the opposite, a floor."""
    rows = figures(plan=f"居民消费价格涨幅{bound}3%。")
    assert pick(rows, "subject", "value", "comparator") == [("居民消费价格", "3", comparator)]


def test_a_scale_standing_alone_before_tonnes_names_a_plant_class(figures):
    """百万吨乙烯, 千万吨炼化基地: a scale with no digit before it is the size class in a name;
    五十万吨 counts (a Chinese numeral opening with a digit)."""
    rows = figures(review="推进百万吨乙烯项目建设，新增储备粮五十万吨。")
    assert pick(rows, "value", "unit") == [("500000", "t")]


def test_an_arabic_amount_with_yu_is_one_figure_not_two(figures):
    """1.2万余人: the 万 is the Arabic number's multiplier, no 万余人 of its own."""
    assert pick(figures(review="新增就业1.2万余人。"), "value", "comparator") == [("12000", "gt")]


def test_a_bound_written_after_with_ji_is_read(figures):
    """45%及以上, 5%及以下: 及 joins the number to its bound."""
    rows = figures(plan="森林覆盖率达到45%及以上，失业率控制在5%及以下。")
    assert pick(rows, "value", "comparator") == [("45", "ge"), ("5", "le")]


def test_the_top_share_of_a_ranking_in_per_mille_names_the_class_counted(figures):
    """9个学科进入前1‰: the 1‰ names the class, as 前1% does; the 9 counts what entered it."""
    rows = figures(review="12个学科进入全球前1%，3个学科进入前1‰。")
    assert pick(rows, "value", "unit", "subject") == [("12", "count", "学科进入全球前1%"), ("3", "count", "学科进入前1‰")]


def test_the_qualifier_before_the_number_is_not_in_its_subject(figures):
    """不超过 is the number's qualifier whole: the tail cue 超过 alone would leave 不."""
    rows = figures(review="企业开办时间不超过2天。")
    assert [r["subject"] for r in rows] == ["企业开办时间"]


def test_a_count_run_straight_into_another_unit_shares_its_subject(figures):
    """实现120户300人稳定脱贫: the households and the persons are the same people counted twice."""
    rows = figures(review="实现120户300人稳定脱贫。")
    assert pick(rows, "subject", "unit") == [("稳定脱贫", "household"), ("稳定脱贫", "person")]


def test_ranks_each_with_its_ordinal_are_one_list(figures):
    """快递业务量和收入增速分别居全国第3位、第2位: 第 before each rank breaks no list, so
    each item takes its rank, the 增速 written once after the last, and the 快递 whose
    业务量 the first item is (cues kind measured_attribute)."""
    rows = figures(review="快递业务量和收入增速分别居全国第3位、第2位。甲总规模、乙总量居全国第1、第2位。")
    assert pick(rows, "subject", "value") == [("快递业务量增速", "3"), ("快递收入增速", "2"),
                                              ("甲总规模", "1"), ("乙总量", "2")]


def test_a_list_linked_by_he_gives_each_rank_its_item(figures):
    """甲和乙考核居第一、第二位: 和 parts two items as 、 would, so each rank is of
    one item with the shared head (tests/labels/README.md: distributive lists)."""
    rows = figures(review="水土保持和河长制考核居全省第一、第二位。")
    assert pick(rows, "value", "subject") == [("1", "水土保持考核"), ("2", "河长制考核")]


def test_each_ordinal_of_a_rank_list_is_a_rank(figures):
    """全省第1、第5、第2: the scope stands before the first 第N only, yet each
    第N of the list ranks one item (分居: 分别居)."""
    rows = figures(review="甲、乙、丙产量分居全省第1、第5、第2位。")
    assert pick(rows, "value", "subject") == [("1", "甲产量"), ("5", "乙产量"), ("2", "丙产量")]


def test_words_after_respectively_that_name_nothing_are_no_shared_tail(figures):
    """分别提高到每人每年 (a base), 分别新认定 (a verb alone): no item takes them,
    as the items take 到位 in 甲、乙产业项目分别到位."""
    rows = figures(review="城市低保标准、农村低保标准分别提高到每人每年600元、400元。甲总部、乙中心分别新认定6家、3家。"
                          "甲、乙产业项目分别到位10亿元、2亿元。")
    assert [r["subject"] for r in rows] == ["城市低保标准", "农村低保标准", "甲总部", "乙中心", "甲产业项目到位", "乙产业项目到位"]


def test_a_verb_before_a_zone_is_no_part_of_its_name(make_record):
    """深化开发区…, 推进某某试验区…: the verb (cues kind zone_lead) leaves the zone the area of
    its sentence's figures, even named by its suffix alone; a class of zones (省级) and a
    partner after 与 are none."""
    record = make_record(plan="深化开发区体制改革，重点发展2个主导产业。推进某某试验区提升行动，制度创新指数稳居全国前三。"
                              "深化与某某集团合作，推动土地流转1.5万亩。推进省级示范园区改革，新增企业12家。")
    areas = areas_by_raw(record, "target")
    assert areas["2个"] == "开发区" and areas["三"] == "某某试验区"
    assert areas["1.5万亩"] == areas["12家"] == "某某区"


def test_a_verb_building_a_zone_leads_its_sentence_to_it(make_record):
    """加快某产业园建设，…: the sentence the verb opens goes on about the zone; a zone
    followed by 建设 and figures is the project's (the region's), and a heading only
    naming such building heads no sentence after."""
    record = make_record(plan="加快某某加工产业园建设，力争甲项目等6个项目建成投产。某某工业园建设完成投资20亿元。"
                              "推进某某产业园建设。引导中心镇建设产业园，确保建成10个。")
    areas = areas_by_raw(record, "target")
    assert areas["6个"] == "某某加工产业园"
    assert areas["20亿元"] == areas["10个"] == "某某区"


def test_the_projects_a_verb_carries_out_in_a_zone_are_the_zones_unless_the_suffix_ends_a_quoted_word(make_record):
    """实施某某药谷“三个一批”项目84个: 实施 (cues kind zone_lead) before a zone leads its sentence
    to it; in 实施天然气“入镇进村”工程 the 镇 ends a word inside a quote, no town's name."""
    record = make_record(review="实施某某药谷“三个一批”项目84个，总投资588亿元。实施天然气“入镇进村”工程，实现102个乡镇通气。")
    areas = areas_by_raw(record, "indicator")
    assert areas["84个"] == areas["588亿元"] == "某某药谷"
    assert areas["102个"] == "某某区"


def test_an_urban_renewal_area_after_a_verb_of_carrying_out_is_no_new_area(make_record):
    """实施城市更新片区改造12个: 更新片区 ends in 新片区 (临港新片区) but is a renewal area,
    no zone's name (not_areas.csv), so 实施 leads no zone here; the count is the region's."""
    record = make_record(review="实施城市更新片区改造12个。")
    assert areas_by_raw(record, "indicator") == {"12个": "某某区"}


def test_a_word_ending_in_a_valley_character_is_no_zone(make_record):
    """农谷, 药谷, 光谷 name zones; 谷 alone ends other words (走出低谷, 稻谷), no zone's name."""
    record = make_record(review="经济运行走出低谷，地区生产总值增长5%。粮食稻谷种植面积10万亩。")
    assert set(areas_by_raw(record, "indicator").values()) == {"某某区"}


def test_a_clause_building_a_zone_inside_a_sentence_hands_it_the_clauses_after(make_record):
    """致力打造…，加快某某数据中心集群建设，拓展应用场景，力争算力规模突破10万P: the zone a verb
    builds in an earlier clause is what the later ones go on about."""
    record = make_record(plan="致力打造算力枢纽，加快某某数据中心集群建设，拓展应用场景，力争算力规模突破10万P。")
    assert areas_by_raw(record, "target")["10万P"] == "某某数据中心集群"


def test_a_body_named_whole_heads_past_a_sentence_that_names_no_zone(make_record):
    """推动中心城区扩容提质。: the body's works go on past a sentence without figures naming
    no zone; a zone found by its suffix does not reach that far."""
    record = make_record(plan="（六）加快城镇化进程推动中心城区扩容提质。实施城建项目20个。解决好“里子”问题，加快管网建设。"
                              "完成管网入地32公里。\n某某产业园提质增效。新增企业8家。解决好用地问题，加快厂房建设。新建厂房3万平方米。")
    areas = areas_by_raw(record, "target")
    assert areas["20个"] == areas["32公里"] == "中心城区"
    assert areas["8家"] == "某某产业园" and areas["3万平方米"] == "某某区"


def test_a_zone_whose_sentence_reports_a_project_of_it_done_heads_no_later_sentence(make_record):
    """中心城区内环整治工程完工。: the body is the works' place, as in 加快中心城区某工程, so the
    sentence after is the region's; one that says how the body fares heads it."""
    record = make_record(review="中心城区内环整治工程完工。完成社区试点86个。\n中心城区面貌一新。完成社区试点40个。")
    areas = areas_by_raw(record, "indicator")
    assert areas["86个"] == "某某区" and areas["40个"] == "中心城区"


def test_a_clause_opening_with_respectively_is_about_the_zone_of_the_clause_before(make_record):
    """…分别达到…，分别增长…: the second clause shares out the things of the first, of its zone."""
    record = make_record(review="某某机场旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%。"
                                "旅客和货物运输量分别达到2亿人次、3亿吨，分别增长5%、6%。")
    areas = areas_by_raw(record, "indicator")
    assert areas["8.3%"] == areas["7.9%"] == "某某机场"
    assert areas["5%"] == "某某区"


def test_a_place_after_an_object_verb_leaves_the_noun_after_the_counter(figures):
    """辐射全国75个城市: the place a verb reaches says where; what is counted follows the counter."""
    rows = figures(review="物流通道辐射全国75个城市，通达全球127个国家和地区的584个港口。")
    assert pick(rows, "raw", "subject") == [("75个", "城市"), ("127个", "国家和地区"), ("584个", "港口")]


def test_a_count_of_steps_passed_counts_the_step_and_hands_on_what_passed_them(figures):
    """连跨4个千亿台阶: the step is what is counted; 突破1.3万亿元 after it is of what passed them."""
    rows = figures(review="地区生产总值连跨4个千亿台阶，突破1.3万亿元。")
    assert pick(rows, "raw", "subject") == [("4个", "千亿台阶"), ("1.3万亿元", "地区生产总值")]


def test_a_verb_alone_after_a_word_marking_its_object_counts_the_noun_after(figures):
    """对新增2万亿元中央财政资金建立直达机制: 对新增 names nothing; the funds are counted."""
    rows = figures(review="对新增2万亿元中央财政资金建立直达机制。")
    assert pick(rows, "raw", "subject") == [("2万亿元", "中央财政资金")]


def test_a_streak_of_a_rank_holds_what_the_figure_before_measured(figures):
    """连续16年排名世界第一: the streak and the rank are of the throughput before them."""
    rows = figures(review="港口集装箱吞吐量达到5000万标准箱、连续16年排名世界第一。")
    assert pick(rows, "raw", "subject")[1:] == [("16年", "港口集装箱吞吐量排名世界第一"), ("一", "港口集装箱吞吐量")]


def test_items_listed_before_a_selection_share_it(figures):
    """2个甲项目、3个乙成果入选全国典型案例: the selection says which of each are counted."""
    rows = figures(review="2个矿山修复项目、3个保护成果入选全国典型案例。")
    assert pick(rows, "subject") == [("矿山修复项目入选全国典型案例",), ("保护成果入选全国典型案例",)]


def test_a_range_after_a_verb_alone_counts_the_noun_after_its_high_end(figures):
    """获批1—2个产业园: both ends count the parks named after the high end's counter."""
    rows = figures(plan="争取获批1—2个国家级现代农业产业园。")
    assert pick(rows, "subject") == [("国家级现代农业产业园",), ("国家级现代农业产业园",)]


def test_a_count_for_each_member_of_a_set_counts_the_noun_after_its_counter(figures):
    """每个乡镇2—3家合作社, 在每个乡镇选择1家卫生院: 每个乡镇 says where each count holds;
    what is counted follows the counter, for both ends of a range."""
    rows = figures(plan="力争每个乡镇2—3家合作社挂牌，在每个乡镇选择1家卫生院。")
    assert pick(rows, "subject", "value") == [("合作社挂牌", "2"), ("合作社挂牌", "3"), ("卫生院", "1")]


def test_a_short_item_after_one_no_made_verb_opens_takes_the_words_before_its_opening(figures):
    """创建“美丽乡村”示范镇5个、示范村30个: the villages are “美丽乡村” ones too; 公园8个 is not."""
    rows = figures(plan="创建“美丽乡村”示范镇5个、示范村30个、公园8个。")
    assert [r["subject"] for r in rows] == ["“美丽乡村”示范镇", "“美丽乡村”示范村", "公园"]


def test_a_standard_after_from_is_no_part_of_the_subject(figures):
    """起征点从月销售额10万元提高到15万元: 从月销售额 says what the threshold is reckoned on."""
    rows = figures(review="增值税起征点从月销售额10万元提高到15万元。")
    assert [r["subject"] for r in rows] == ["增值税起征点", "增值税起征点"]


def test_a_number_that_names_the_things_counted_is_in_the_noun_after_the_counter(figures):
    """2个1类创新药获批上市: the 1 names the drugs' class (number_forms.csv kind name_after),
    so the noun after the counter runs through it."""
    rows = figures(review="科技专项取得突破，2个1类创新药获批上市。")
    assert pick(rows, "role", "subject")[0] == ("indicator", "1类创新药")


def test_a_list_named_by_its_top_n_stays_in_the_noun_after_the_counter(figures):
    """33家企业入围中国民营企业500强: the 500强 is the list's name (cues kind top_n), part
    of what the 33 counts, so the noun after the counter runs through it."""
    rows = figures(review="全省33家企业入围中国民营企业500强。")
    assert pick(rows, "role", "subject")[0] == ("indicator", "企业入围中国民营企业500强")


def test_ranks_with_no_words_of_their_own_take_the_items_just_before(figures):
    """肉、蛋产量分别达87万吨、35万吨，保持全省第一、二位: the ranks name no items, so
    each takes the subject of the number before it in the same order."""
    rows = figures(review="肉、蛋产量分别达87万吨、35万吨，保持全省第一、二位。")
    assert pick(rows, "subject", "measure") == [("肉产量", "level"), ("蛋产量", "level"), ("肉产量", "rank"),
                                                ("蛋产量", "rank")]


def test_a_threshold_after_the_counted_noun_is_part_of_the_class(figures):
    """4个县一般公共预算收入超过15亿元: the 15亿元 defines which counties are counted."""
    rows = figures(review="6个县GDP增速超全市平均水平，4个县一般公共预算收入超过15亿元。")
    assert pick(rows, "role", "subject")[1:] == [("indicator", "县一般公共预算收入超过15亿元")]


def test_a_number_of_another_measure_carries_what_the_verb_before_acted_on(figures):
    """63人获得保险赔付资金8.1万元: the people are those who received (获得 stays); the
    money, with no words of its own, is the payouts, without the verb."""
    rows = figures(review="63人获得保险赔付资金8.1万元。")
    assert pick(rows, "subject", "measure") == [("获得保险赔付资金", "count"), ("保险赔付资金", "level")]


def test_an_item_running_into_the_next_number_is_that_numbers(figures):
    """甲路等10条道路改造、乙河等3条河道治理: the words after the last 、 of what 10条
    counts run into the next number, so they open its items (乙河等), not this noun."""
    rows = figures(review="实施甲路等10条道路改造、乙河等3条河道治理。")
    assert pick(rows, "raw", "subject") == [("10条", "道路改造"), ("3条", "河道治理")]


def test_a_quality_after_a_counted_noun_ends_it_and_is_of_those_things(figures):
    """12个断面水质优良比例100%: the count is of the sections; the rate opening with
    their quality (水质) is of them, and so is its rank."""
    rows = figures(review="12个断面水质优良比例100%。8个县域生态质量变好占比居全省第1位。")
    assert pick(rows, "raw", "subject") == [("12个", "断面"), ("100%", "断面水质优良比例"),
                                            ("8个", "县域"), ("1位", "县域生态质量变好占比")]


def test_verbs_of_making_law_are_no_part_of_the_laws_counted(figures):
    """提请市人大常委会审议, 配合…制定修改, 制定、修改和废止: who asks or helps and the
    verbs of making law, chained, open the clause; what is counted is the laws."""
    rows = figures(review="提请区人大常委会审议法规草案3件，配合区人大及其常委会制定修改法规2部，制定、修改和废止政府规章5件。")
    assert pick(rows, "raw", "subject") == [("3件", "法规草案"), ("2部", "法规"), ("5件", "政府规章")]


def test_an_owned_attribute_joins_only_a_subject_ending_with_an_attribute(figures):
    """航线147条、吞吐量2300万标准箱: the throughput is of what the routes are of (集装箱);
    after a subject ending with no attribute (口岸贸易总额) it stays bare."""
    rows = figures(review="集装箱航线147条、吞吐量2300万标准箱。贸易总额11万亿元、年吞吐量超过5000万标准箱。")
    assert [r["subject"] for r in rows] == ["集装箱航线", "集装箱吞吐量", "贸易总额", "吞吐量"]


def test_a_range_after_a_verb_counts_the_noun_after_its_high_end(make_record):
    """在每个县区选择1—2家医疗单位: both ends count what follows the high end's counter."""
    record = make_record(plan="在每个县区选择1—2家示范性托育服务机构。")
    rows = {r["raw"]: r["subject"] for r in classify_report(record) if r["role"] == "target"}
    assert rows["1"] == rows["2家"] == "示范性托育服务机构"


def test_a_count_of_the_listed_things_a_plan_focuses_on_is_a_stock(make_record):
    """聚焦甲、乙、丙3个领域 (or 三个领域): the fields named are there already (an indicator of
    the review year), not a goal; a list of another length (聚焦甲、乙4个…) counts something else."""
    record = make_record(plan="聚焦先进制造业、现代农业、社会民生3个领域，实施重大项目20个。"
                              "聚焦工业、农业、服务业三个领域。聚焦工业、农业4个产业。")
    rows = {r["raw"]: r for r in classify_report(record)}
    for raw in ("3个", "三个"):
        assert (rows[raw]["role"], rows[raw]["year"], rows[raw]["basis"]) == ("indicator", 2024, "as_of")
    assert rows["20个"]["role"] == rows["4个"]["role"] == "target"


def test_a_word_ending_in_a_modal_keeps_it_in_the_subject(figures):
    """排放量要下降2%: the modal 要 (cues kind tail) leaves the subject; 编制规划纲要2部 keeps
    the 要 of 纲要 (cues kind not_tail)."""
    rows = figures(review="化学需氧量排放量要下降2%。编制规划纲要2部。")
    assert rows[0]["subject"] == "化学需氧量排放量" and rows[1]["subject"].endswith("规划纲要")


def test_sets_whose_members_a_plan_works_on_are_there_unless_a_verb_makes_them(make_record):
    """对15条产业链重点企业实施改造 counts chains there already (an indicator of the review
    year); 新培育3条产业链重点企业配套项目 counts new ones, a goal."""
    record = make_record(plan="对15条产业链重点企业实施改造。新培育3条产业链重点企业配套项目。")
    rows = {r["raw"]: r for r in classify_report(record)}
    assert (rows["15条"]["role"], rows["15条"]["year"]) == ("indicator", 2024)
    assert (rows["3条"]["role"], rows["3条"]["year"]) == ("target", 2025)


def test_a_qualifier_before_the_verb_bounds_the_count_and_the_verb_is_what_is_counted(make_record):
    """每季度至少出庭一次, 至少打造1个: 至少 written before the verb qualifies the number (ge);
    the words before it say who and when, the verb after it is what is counted."""
    record = make_record(plan="部门负责人每季度至少出庭一次，每个县至少打造1个产业集群。")
    rows = {r["raw"]: r for r in classify_report(record) if r["role"] == "target"}
    assert (rows["一次"]["comparator"], rows["一次"]["subject"]) == ("ge", "出庭")
    assert (rows["1个"]["comparator"], rows["1个"]["subject"]) == ("ge", "产业集群")


def test_a_target_to_a_later_year_counts_what_is_made_from_the_plan_year(make_record):
    """到2027年打造3个产业集群 in the 2025 plan: the clusters made over 2025–2027, a total
    (cumulative from the plan year), as in a five-year part; a level reached stays a state."""
    record = make_record(plan="到2027年，打造3个产业集群，森林覆盖率达到40%。今明两年新建学校20所。")
    rows = {r["raw"]: (r["year"], r["period_start"], r["basis"]) for r in classify_report(record) if r["role"] == "target"}
    assert rows == {"3个": (2027, 2025, "cumulative"), "40%": (2027, 2027, "as_of"), "20所": (2026, 2025, "cumulative")}


@pytest.mark.parametrize("sentence, subject", [
    ("使符合条件的约800万纳税人享受优惠。", "纳税人"),  # the words before say something of them
    ("汇聚起60万人民的力量。", "人民"),
    ("近14亿中国人的饭碗端在自己手上。", "中国人"),  # they own the noun after them
    ("新增4万青年留乡就业。", "青年留乡就业"),  # what the verb made follows, its predicate too
    ("建设56个民族共同团结奋斗、共同繁荣的家园。", "民族"),  # a people after the counter opens the object
])
def test_people_named_right_after_a_number_are_what_it_counts(make_record, sentence, subject):
    rows = [r for r in classify_report(make_record(plan=sentence)) if r["role"] != "other"]
    assert rows[0]["subject"] == subject


def test_a_list_of_qualities_ending_with_de_after_a_counter_says_which_of_the_noun(make_record):
    """围绕2个特色鲜明、竞争力强的主导产业: the qualities before 的 say which industries; the noun is what follows it."""
    rows = [r for r in classify_report(make_record(plan="每个县围绕2个特色鲜明、竞争力强的主导产业。")) if r["role"] != "other"]
    assert rows[0]["subject"] == "主导产业"


def test_kinds_counted_in_chinese_numerals(figures):
    """两种模式共同入选 counts two models; 两种资源 (of 两个市场两种资源) is a slogan, no count."""
    rows = figures(review="两种模式共同入选全国案例。利用国内国际两个市场两种资源。")
    assert pick(rows, "raw", "value", "unit") == [("两种", "2", "count")]


def test_a_sub_heading_naming_a_body_heads_its_paragraph_up_to_its_next_sub_heading(make_record):
    """（五）…提升中心城区带动力。: the body a sub-heading's verb acts on (cues kind zone_lead)
    heads the works after it, past sentences without figures, up to a one-clause
    sub-heading of another topic (提升县城承载力。); the next paragraph is not its."""
    record = make_record(plan="（五）聚焦带动，加快城镇化提升中心城区带动力。全面开展城市体检，做到先体检后更新。"
                              "加快道路建设，启动升级改造；建成公园12个。提升县城承载力。新建学校3所。\n新增绿地5万平方米。")
    areas = areas_by_raw(record, "target")
    assert areas["12个"] == "中心城区"
    assert areas["3所"] == areas["5万平方米"] == "某某区"


def test_a_sentence_or_clause_opening_with_another_scope_ends_the_zone(make_record):
    """各县区…, 全市…: a sentence or clause of another scope (cues kinds member_scope,
    scope_change) is the region's, and the zone named before it reaches no further."""
    record = make_record(review="中心城区实施项目20个，各县区实施项目30个。中心城区面貌一新。实施项目40个。"
                                "各县新建公园9个。新建学校3所。\n中心城区面貌一新。新建公园8个。全市新建学校5所。")
    areas = areas_by_raw(record, "indicator")
    assert areas["20个"] == areas["40个"] == areas["8个"] == "中心城区"
    assert areas["30个"] == areas["9个"] == areas["3所"] == areas["5所"] == "某某区"


def test_a_heading_on_a_line_of_its_own_or_closed_by_a_colon_heads_the_paragraph_after_it(make_record):
    """（一）中心城区建设 on its own line, 某某新区建设： run in: the zone heads the paragraph
    under it, up to the next heading; a heading's number is no part of a zone's name.
    A heading line naming no zone ((四)聚力重点区域) leaves the run-in one to head its paragraph."""
    record = make_record(plan="（一）中心城区建设\n实施项目20个，完成投资10亿元。新建公园8个。\n（二）县域经济\n实施项目30个。\n"
                              "某某新区建设：首批项目开工，新增企业6家。\n（三）某某经开区提质增效。新增企业7家。\n"
                              "（四）聚力重点区域\n某某新区建设取得新进展。引进项目21个。\n"
                              "（五）聚力重点区域\n高标准推进某某高新区建设。引进项目22个。")
    areas = areas_by_raw(record, "target")
    assert areas["20个"] == areas["10亿元"] == areas["8个"] == "中心城区"
    assert areas["30个"] == "某某区"
    assert areas["6家"] == areas["21个"] == "某某新区" and areas["7家"] == "某某经开区"
    assert areas["22个"] == "某某高新区"


def test_a_zone_is_the_region_only_where_its_suffix_lies_inside_the_region_s_name():
    """新乡's 乡 is no township's (研究论证新乡: the region); 新城 is the whole short name of
    新城区, so 科技新城 ending in it is a zone of its own."""
    from pipeline.meaning.areas import is_region
    assert is_region("研究论证新乡", ("新乡市", "新乡")) and is_region("新乡", ("新乡市", "新乡"))
    assert is_region("新城", ("新城区", "新城")) and not is_region("科技新城", ("新城区", "新城"))


def test_a_zone_ending_in_the_region_s_short_name_keeps_its_figures(tmp_path):
    """In 新城区's report 科技新城 is a zone, not the region named short."""
    from pipeline.extract import extract_report
    path = tmp_path / "t.txt"
    path.write_text("政府工作报告\n——2025年1月9日在西安市新城区第一届人民代表大会第二次会议上\n新城区区长 李四\n各位代表：\n"
                    "一、2024年工作回顾\n科技新城规上工业增加值增长8%。新城海关进出口总值达9亿元。\n"
                    "二、2025年工作安排\n稳定就业。\n", encoding="utf-8")
    areas = {r["raw"]: r["area"] for r in classify_report(extract_report(path, {})) if r["role"] == "indicator"}
    assert areas["8%"] == "科技新城" and areas["9亿元"] == "新城区"
