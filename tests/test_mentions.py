"""Number, unit and qualifier rules, on short sentences written for the test."""
from re import _parser as re_parser

from pipeline.read.mentions import (MEASURE_REACH, _chinese_measure, _chinese_measures, _chinese_patterns, _in_a_slogan,
                                    cn_to_int, find_mentions, first_threshold)
from pipeline.rules import table
from pipeline.read.text import clean


def only(sentence: str):
    found = [m for m in find_mentions(clean(sentence)) if m.form == "measure"]
    assert len(found) == 1, found
    return found[0]


def test_multiplier_and_unit_are_read_after_the_number():
    m = only("税收收入48.7亿元")
    assert (m.text, m.multiplier, m.unit_word) == ("48.7", "亿", "元")
    assert m.raw_end - m.start == len("48.7亿元")


def test_longest_unit_wins():
    assert only("接待游客超270万人次").unit_word == "人次"
    assert only("提高8个百分点").unit_word == "个百分点"


def test_qualifiers_before_after_and_inside():
    assert only("增长6%左右").after == "左右"
    assert only("占比超70%").before == "超"
    assert only("研发新产品30余个").inner == "余"
    assert only("控制在3%以内").after == "以内"


def test_a_multiple_takes_duo_after_its_bei_but_a_counter_does_not():
    """增加1倍多: more than double; 5个多功能馆 counts halls, 多 opens their name."""
    assert (only("鱼类增加1倍多").inner, only("鱼类增加1倍多").raw_end) == ("多", len("鱼类增加1倍多"))
    assert only("建成5个多功能馆").inner == ""


def test_nei_bounds_a_time_only():
    """90天内完成: a time limit; after another unit 内 opens the next word (540万千瓦内用煤电)."""
    assert only("项目90天内完成审批").after == "内"
    assert only("装机540万千瓦内用煤电").after == ""


def test_qualifier_of_another_word_is_not_taken():
    m = only("绩效评定B级以上企业104家")
    assert (m.text, m.before, m.after) == ("104", "", "")


def test_shang_and_shu_say_more_than_a_multiplier_standing_alone_only():
    """上亿, 数万人: more than the multiplier; before a numeral 上 and 数 end other words."""
    found = [(m.text, m.multiplier, m.unit_word, m.before) for m in find_mentions(clean("上亿市场主体承载数万人就业。"))]
    assert found == [("亿", "亿", "市场主体", "上"), ("万", "万", "人", "数")]
    assert only("企业总数1200家").before == ""


def test_shang_and_shu_say_more_than_a_chinese_numeral_opening_with_a_scale():
    """上千家, 数十个: 千 stands for 一千 as 亿 for 一亿, so 上 says more than it (gt)."""
    found = [(m.number, m.unit_word, m.before) for m in find_mentions(clean("园区赋能上千家企业，实施数十个项目。"))]
    assert found == [("1000", "家", "上"), ("10", "个", "数")]


def test_a_chinese_amount_is_read_after_a_vague_bound_but_none_that_names_a_class():
    """近千万元, 数十亿元 are amounts; 超千万元企业 names the firms counted: a Chinese
    numeral there is no figure (the contract: only those that measure)."""
    found = [(m.number, m.multiplier, m.before) for m in find_mentions(clean("投入资金近千万元，争取资金数十亿元，进出口超千万元企业23家。"))]
    assert found == [("1000", "万", "近"), ("10", "亿", "数"), ("23", "", "")]


def test_full_width_digits_are_numbers_at_raw_offsets():
    text = "增长１２.５％"
    m = only(text)
    assert text[m.start:m.end] == "１２.５" and m.number == "12.5" and m.unit_word == "%"


def test_years_dates_and_names_are_not_measures():
    text = "，2025年1月9日，5G基站和PM2.5，“3+5”园区，新中国成立75周年，第五届"
    forms = [(text[m.start - 1:m.end + 1], m.form) for m in find_mentions(text)]
    assert forms == [("，2025年", "year"), ("年1月", "date"), ("月9日", "date"), ("，5G", "name"),
                     ("M2.5，", "name"), ("“3+", "name"), ("+5”", "name"), ("立75周", "anniversary")]


def test_a_latin_unit_after_the_numeral_is_no_name():
    """新增算力2000P: P is the unit (units.csv, PFLOPS) as in 11.4万P, not a name's letter
    as in 5G; letters going on past the unit (2000PB) are a name's still."""
    found = [(m.text, m.unit_word, m.form) for m in find_mentions("新增算力2000P、总规模超过6000P，5G基站，2000PB")]
    assert found == [("2000", "P", "measure"), ("6000", "P", "measure"), ("5", "", "name"), ("2000", "P", "name")]


def test_a_time_opening_a_rings_name_is_a_name():
    """15分钟诊疗服务圈 (number_forms kinds reach_unit, ring_end) names a planning concept;
    14个服务圈 counts rings and 压缩到15分钟，商圈 is a time taken, each a measure."""
    found = [(m.text, m.form) for m in find_mentions("打造15分钟诊疗服务圈，建成14个服务圈，压缩到15分钟，商圈")]
    assert found == [("15", "name"), ("14", "measure"), ("15", "measure")]


def test_range_gives_low_and_high_with_shared_unit():
    low, high = [m for m in find_mentions("增长4.5%—5%") if m.form == "measure"]
    assert (low.range_part, high.range_part) == ("low", "high")
    low, high = [m for m in find_mentions("增长4.5-5%") if m.form == "measure"]
    assert low.unit_word == "%" and low.range_part == "low"


def test_chinese_numeral_measures():
    found = {m.text: m for m in find_mentions("新注册市场主体连续八年实现破万增长，获评第四名，四个“善作善成”")}
    assert found["八"].number == "8" and found["八"].unit_word == "年"
    assert found["四"].unit_word == "名次"
    assert len(found) == 2


def test_chinese_years_not_after_ahead_of_time():
    """not_after 提前: 提前两年完成 is no streak of years; the check looks at the
    words before the numeral's first character, as a look-behind opening the pattern did.
    The time ahead of schedule is read by its own row (提前{n}年), once."""
    assert only("全市两年完成任务").unit_word == "年"
    assert [(m.text, m.unit_word) for m in find_mentions("全市提前两年完成任务")] == [("两", "年")]
    assert [(m.text, m.start) for m in find_mentions("提前三十年完成")] == [("三十", 2)]


def test_chinese_numeral_values():
    assert [cn_to_int(s) for s in ("八", "两", "十二", "二十", "一百零五")] == [8, 2, 12, 20, 105]


def test_chinese_multiples_keep_the_qualifier_before_them():
    m = only("农业产值是十年前的近三倍")
    assert (m.number, m.unit_word, m.before) == ("3", "倍", "近")
    assert only("园区营业收入实现翻一番").number == "1"


def test_chinese_counts_of_times_sessions_and_batches():
    found = {m.text: m for m in find_mentions("累计三次获评先进，承办两届博览会，分四批开工，新建一批学校，第二批名单")}
    assert (found["三"].unit_word, found["两"].unit_word, found["四"].unit_word) == ("次", "届", "批")
    assert "一" not in found and "二" not in found


def test_chinese_top_rank_but_not_a_period():
    assert only("芯片产能位列全国前四。").unit_word == "名次"
    assert not [m for m in find_mentions("前三季度增长较快，门前三包落实") if m.form == "measure"]


def test_chinese_amounts_with_a_multiplier():
    m = only("旅游收入突破千亿元")
    assert (m.number, m.multiplier, m.unit_word, m.before) == ("1000", "亿", "元", "突破")
    m = only("贷款余额超万亿元")
    assert (m.text, m.number, m.multiplier) == ("万亿", "1", "万亿")
    assert not find_mentions("签约亿元以上项目，培育百亿级产业，打造千亿元级集群")


def test_durations_of_a_task_and_ahead_of_time():
    assert [m.number for m in find_mentions("改造五年任务四年完成，道路提前一年完成")] == ["5", "4", "1"]


def test_ratio_to_one_is_a_multiple():
    text = clean("城乡收入比缩小到2.4∶1左右")
    first, one = find_mentions(text)
    assert (first.unit_word, first.after, text[first.start:first.raw_end]) == ("倍", "左右", "2.4∶1")
    assert one.form == "bare"


def test_a_voltage_names_a_class():
    assert [m.form for m in find_mentions(clean("新建500千伏变电站3座"))] == ["name", "measure"]


def test_a_bare_number_listed_before_a_measure_shares_its_unit():
    found = [m for m in find_mentions(clean("PM10、PM2.5平均浓度降至72、43微克/立方米，城乡居民收入比值为2.5。"))
             if m.form == "measure"]
    assert [(m.text, m.unit_word) for m in found] == [("72", "微克/立方米"), ("43", "微克/立方米"), ("2.5", "倍")]


def test_an_age_bracket_names_a_class_but_a_bare_wan_counts_what_follows():
    found = {m.text: m.form for m in find_mentions(clean("高龄津贴惠及130万老年人，65岁以上老年人免费体检。"))}
    assert found == {"130": "measure", "65": "threshold"}


def test_chinese_counts_of_things_but_not_names_or_ordinals():
    """两家企业 and 十项实事 count; a quoted name (“两个确保”), an ordinal (第十四个),
    a lone 一 (一个中心), a focus (突出四个拉动), a month count (六个月) or a set
    phrase (两个市场, 五个新城: a city's planned new towns, named by their number) do not."""
    found = find_mentions("招标两家环卫企业，办好十项民生实事，锚定“两个确保”，第十四个五年规划，一个中心，突出四个拉动，六个月，"
                          "国内国际两个市场，深化五个新城建设")
    assert [(m.text, m.number, m.unit_word) for m in found] == [("两", "2", "家"), ("十", "10", "项")]


def test_chinese_counts_of_pieces_and_kinds_but_not_set_phrases():
    """十件惠民工程 and 两种模式 count; 十件大事 and 两种资源 are set phrases of the genre
    (the things a year's work is summed up in, 国内国际两种资源), no quantity."""
    found = find_mentions("办好十件惠民工程，办成十件大事，推广两种模式，用好国内国际两种资源")
    assert [(m.text, m.number, m.unit_word) for m in found] == [("十", "10", "件"), ("两", "2", "种")]


def test_amounts_and_ages_that_name_a_class_measure_nothing():
    """10万元以上村 and 0-6岁残疾儿童 name what is counted; a life expectancy that
    grows (寿命从74.9岁增长到) or ends the clause is a measure."""
    forms = {m.text: m.form for m in find_mentions(clean("10万元以上村占47%，实施0-6岁残疾儿童康复，寿命从74.9岁增长到78岁。"))}
    assert (forms["10"], forms["6"], forms["74.9"], forms["78"]) == ("threshold", "threshold", "measure", "measure")
    assert forms["0"] != "measure"


def test_a_bracket_of_a_class_names_it_at_both_ends():
    """所得额10万元至50万元部分 is a slice of income named by its bounds: both ends name
    it, neither measures; a range before what it measures stays two measures."""
    forms = {m.text: m.form for m in find_mentions(clean("所得额10万元至50万元部分减半征收，投资20亿元至30亿元。"))}
    assert forms == {"10": "threshold", "50": "threshold", "20": "measure", "30": "measure"}


def test_a_subscript_on_lines_of_its_own_is_part_of_its_name():
    """细颗粒物（PM\\n2.5\\n）: the line breaks a Word subscript leaves show nothing; 2.5 is the name's."""
    assert [(m.number, m.form) for m in find_mentions(clean("细颗粒物（PM\n2.5\n）浓度下降9.1%"))] == [
        ("2.5", "name"), ("9.1", "measure")]


def test_a_mark_that_opens_with_a_counter_is_no_unit():
    m = only("全县经济总量迈上300亿台阶")
    assert (m.multiplier, m.unit_word) == ("亿", "")
    assert only("新购设备300台").unit_word == "台"


def test_a_number_opening_a_quote_names_a_policy_or_slogan():
    found = find_mentions(clean("出台稳增长“20条”，建成“15分钟生活圈”12个"))
    assert [(m.text, m.form) for m in found] == [("20", "name"), ("15", "name"), ("12", "measure")]


def test_a_number_inside_a_quote_names_a_policy_but_a_quote_closed_before_it_names_what_is_counted():
    """“稳就业30条”, “一个方案、四个清单” and “300米见绿，500米见园” hold their numbers in a
    quoted name; 全球“灯塔工厂”3家 counts the quoted things, and so does “小巨人企业414家 whose
    quotation the next one shows was never closed."""
    found = find_mentions(clean("出台“稳就业30条”，拥有全球“灯塔工厂”3家，坚持“一个方案、四个清单”，建成12个、五个。"
                                "实现“300米见绿，500米见园”。培育“小巨人企业414家，“单项冠军”企业7家。"))
    assert [m.text for m in found if m.form == "measure"] == ["3", "12", "五", "414", "7"]
    assert [m.text for m in found if m.form == "name"] == ["30", "300", "500"]


def test_an_amount_inside_a_quote_is_a_goal_stated_in_words():
    """实现“地区生产总值突破1000亿元”的目标, “粮食产量稳定在60万吨”: an amount (a multiplier,
    a unit of amount) quoted is a figure; a bare count (“雄才16条”) stays part of a name."""
    found = find_mentions(clean("实现“地区生产总值突破1000亿元”的目标，确保“粮食产量稳定在60万吨”，“雄才16条”反响热烈。"))
    assert [(m.text, m.form) for m in found] == [("1000", "measure"), ("60", "measure"), ("16", "name")]


def test_a_count_after_a_verb_that_holds_it_is_no_slogan():
    """举办两届“某某”大会 holds two of them; 四个“善作善成” opens on its numeral: a slogan."""
    found = [(m.text, m.unit_word) for m in find_mentions(clean("成功举办两届“某某”交流大会，做到四个“善作善成”。"))]
    assert found == [("两", "届")]


def test_ranks_listed_after_a_ranked_one_share_its_scope():
    """分居全省第1、第5、第2: each 第N of the list is a rank, as the first; 第1、第5批 orders batches."""
    ranks = [(m.number, m.unit_word) for m in find_mentions(clean("产量分居全省第1、第5、第2，开工第1、第5批项目。"))
             if m.form == "measure"]
    assert ranks == [("1", "名次"), ("5", "名次"), ("2", "名次")]


def test_a_bound_on_an_amount_closing_a_counted_clause_names_what_is_counted():
    """4个县收入超过15亿元: the amount says which counties are counted; a total of
    the counted things (12个项目总投资超过100亿元) or an amount not closing the
    clause measures."""
    forms = {m.text: m.form for m in find_mentions(clean(
        "4个县收入超过15亿元，12个项目总投资超过100亿元，5个县收入超过20亿元以上的企业增加。"))}
    assert (forms["15"], forms["100"], forms["4"], forms["12"]) == ("threshold", "measure", "measure", "measure")


def test_numbers_joined_by_a_name_link_name_a_scheme_but_counted_phrases_count():
    """“3+5”, 7×24小时 and 2×100万千瓦 name a scheme or a spec; 2个主导产业+1个新兴产业 are two counts."""
    forms = [(m.text, m.form) for m in find_mentions(clean("落实“3+5”，7×24小时服务，建设2×100万千瓦机组，发展2个主导产业+1个新兴产业。"))]
    assert forms == [("3", "name"), ("5", "name"), ("7", "name"), ("24", "name"), ("2", "name"), ("100", "name"),
                     ("2", "measure"), ("1", "measure")]


def test_a_count_between_a_rank_scope_and_its_rank_says_among_how_many():
    """居全国168个重点城市第2名: 168 is the field ranked; 全国10个城市第一批 orders batches."""
    forms = {m.text: m.form for m in find_mentions(clean("改善率居全国168个重点城市第2名，入选全国10个城市第一批。"))}
    assert (forms["168"], forms["2"], forms["10"]) == ("threshold", "measure", "measure")


def test_a_chinese_fraction_cut_keeps_the_qualifier_after_it():
    m = only("许可事项压减三分之一以上")
    assert (m.text, m.number, m.unit_word, m.after) == ("三", "33.33", "%", "以上")


def test_an_amount_listed_before_a_class_amount_names_the_class_too():
    """投资超50亿元、100亿元产业项目: the noun after the last amount is the class of
    both; a bound before an amount with no unit sets a class of the noun after it
    (城区人口超50万县), but not of people it counts (超130万老年人)."""
    forms = {m.text: m.form for m in find_mentions(clean("投资超50亿元、100亿元产业项目实现突破，培育城区人口超50万县，惠及超130万老年人。"))}
    assert forms == {"50": "threshold", "100": "threshold", "130": "measure"}


def _reach(part: str) -> int:
    """The most characters a piece of a chinese_measures pattern reads, look-arounds included."""
    part = part.removeprefix("?").replace("{of}", "一")  # {n}? (近亿元); a numerator is a numeral itself
    for opening in ("(?<=", "(?<!", "(?=", "(?!"):
        part = part.replace(opening, "(?:")
    return re_parser.parse(part).getwidth()[1]


def test_chinese_measures_read_within_their_reach_of_a_numeral():
    """``_chinese_measures`` searches only the text near numerals: every row must read
    no further than ``MEASURE_REACH`` on either side of its numeral."""
    for row in table("chinese_measures"):
        before, after = row["pattern"].split("{n}")
        not_after = max(map(len, row["not_after"].split("|")))
        assert max(_reach(before), not_after, _reach(after)) <= MEASURE_REACH, row["pattern"]


def test_chinese_measures_in_windows_are_those_of_the_whole_text(shared_reports):
    for path in sorted(shared_reports.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8"))
        whole = [_chinese_measure(text, match, unit_word, 0) for pattern, unit_word in _chinese_patterns()
                 for match in pattern.finditer(text) if not _in_a_slogan(text, match, 0)]
        assert _chinese_measures(text) == whole, path.name


def test_a_class_threshold_is_a_bound_from_below():
    """超100亿元企业, 不低于10亿元 bound a class from below; 近100亿元, 约50亿元 say about, and
    不超过 bounds from above: none of them names a class (read/qualifiers.csv comparators)."""
    found = [first_threshold(phrase) for phrase in ("超100亿元企业", "不低于10亿元", "近100亿元", "约50亿元", "不超过3%")]
    assert [m and m.group(1) for m in found] == ["超", "不低于", None, None, None]


def test_a_unit_word_that_opens_with_a_multiplier_is_one_unit():
    """12千瓦时 is kWh and 83千米 km, not 千 times 瓦时 or 米; 5千人 is 千 people."""
    assert (only("用电量12千瓦时").multiplier, only("用电量12千瓦时").unit_word) == ("", "千瓦时")
    assert (only("新建农村公路83千米").multiplier, only("新建农村公路83千米").unit_word) == ("", "千米")
    assert (only("新增就业5千人").multiplier, only("新增就业5千人").unit_word) == ("千", "人")


def test_places_after_a_multiplier_are_no_unit():
    """超50万县 bounds a class of counties; 3县 counts them."""
    m = [m for m in find_mentions(clean("培育城区人口超50万县")) if m.text == "50"][0]
    assert (m.multiplier, m.unit_word, m.raw_end) == ("万", "", len("培育城区人口超50万"))
    assert only("卓尼、临潭2县新通高速公路").unit_word == "县"


def test_a_numeral_of_a_rate_or_of_a_word_before_wan_people_counts_nobody():
    """每十万人口 is a rate's denominator and 统一/唯一 words: none is a count of people."""
    for text in ("每十万人口拥有床位30张。", "每一万人拥有医生30人。", "每十二万人设一个站。", "统一万人规模的标准。",
                 "建成唯一万人体育馆。"):
        assert not _chinese_measures(text), text
    assert [m.number for m in _chinese_measures("十万人参加培训。")] == ["10"]
