"""Project rules, on short sentences written for the test."""
import pytest

from pipeline.meaning.projects import find_projects
from test_rule_lines_meaning import effect


@pytest.fixture
def projects(make_record):
    def find(review: str = "", plan: str = "") -> list[tuple]:
        return [(p["name"], p["status"], p["year"]) for p in find_projects(make_record(review, plan))]
    return find


def test_status_comes_from_the_verb_and_year_from_the_section(projects):
    assert projects(review="某某大学附属医院主体封顶。", plan="某某大学附属医院投入使用。") == [
        ("某某大学附属医院", "topped_out", 2024), ("某某大学附属医院", "in_use", 2025)]


def test_a_list_shares_its_verb(projects):
    assert projects(review="甲乙中心、丙丁研究院主体封顶。") == [
        ("甲乙中心", "topped_out", 2024), ("丙丁研究院", "topped_out", 2024)]


def test_counties_a_project_serves_are_part_of_its_name(projects):
    """向四县供水工程: the counties in Chinese numerals say whom the project serves, one name."""
    assert projects(review="南水北调中线向四县供水工程建成通水。") == [("南水北调中线向四县供水工程", "completed", 2024)]


def test_two_names_joined_by_he_are_two_projects(projects):
    found = projects(plan="加快推进东湖医院二期和西山研究院建设。")
    assert found == [("东湖医院二期", "ongoing", 2025), ("西山研究院", "ongoing", 2025)]


def test_verbs_inside_a_name_do_not_decide_its_status(projects):
    assert projects(review="知识产权运营中心投入使用。") == [("知识产权运营中心", "in_use", 2024)]


def test_strongest_verb_wins_and_lead_verbs_are_not_in_the_name(projects):
    assert projects(review="市域铁路北城线开通运营。") == [("市域铁路北城线", "opened", 2024)]
    assert projects(plan="推动河东商业综合体开业运营。") == [("河东商业综合体", "opened", 2025)]


def test_zone_before_the_name_is_its_area(make_record):
    rows = find_projects(make_record(review="某某经开区“循环经济数字中台”上线运营。"))
    assert [(p["name"], p["area"], p["kind"]) for p in rows] == [("循环经济数字中台", "某某经开区", "platform")]


def test_road_segments_keep_their_brackets(projects):
    assert projects(review="龙津路（育才街至永乐街）建成通车。") == [("龙津路（育才街至永乐街）", "opened", 2024)]


@pytest.mark.parametrize("sentence", [
    "举办书法展、赛艇精英赛等活动21场次。",      # events
    "建成8家智能工厂、数字车间和绿色工厂。",      # a counted group
    "56个工业项目竣工投产。",                     # an unnamed count
    "深入开展安全生产治本攻坚三年行动。",         # a campaign
    "加快农村公路建设。",                         # a kind of thing, not a named one
    "完成技术转移转化项目10个以上。",             # a category being counted
    "创建“四好农村路”3条。",                      # a slogan
])
def test_not_projects(projects, sentence):
    assert projects(review=sentence) == []


def test_investment_stated_for_the_project(make_record):
    rows = find_projects(make_record(review="双塘物流园投资1.6亿元实施园区雨污管网提升改造。"))
    assert [(p["name"], p["investment_cny"]) for p in rows] == [("园区雨污管网提升改造", "160000000")]


def test_planning_to_start_is_planned_and_kinds_of_facility_are_no_projects(projects):
    found = projects(review="新建配建多功能运动场、健走步道等24处。建成老年人日间照料服务中心5个。",
                     plan="谋划启动郊野公园和智慧城市综合指挥中心项目。打通开发区经一路、经二路。")
    names = {name: status for name, status, _ in found}
    assert names["郊野公园"] == "planned" and names["智慧城市综合指挥中心项目"] == "planned"
    assert names["开发区经一路"] == "completed"  # 打通 in the plan: to be completed this year (a lead verb, no zone's word)
    assert "健走步道" not in names and "老年人日间照料服务中心" not in names


def test_a_list_closed_by_xiangmu_names_a_project_in_each_item(projects):
    assert projects(review="推动总投资8亿元的东湖纺织技改、西山新能等5个项目竣工。") == [
        ("东湖纺织技改", "completed", 2024), ("西山新能", "completed", 2024)]
    assert [name for name, _, _ in projects(plan="推动南岭果蔬深加工和北坡食品、东川冷链仓储项目落地。")] == [
        "南岭果蔬深加工", "北坡食品", "东川冷链仓储项目"]


def test_a_shared_head_is_one_line(tmp_path):
    before, after = effect(tmp_path, "project_list_heads", "工地,,", "推动东湖纺织技改、西山新能等5个工地竣工。")
    assert before["projects"] == []
    assert [p["name"] for p in after["projects"]] == ["东湖纺织技改", "西山新能"]


@pytest.mark.parametrize("sentence", [
    "力促光伏发电、储能电站等项目开工。",                  # kinds of plant
    "聚焦优势产业、补短板等实施项目。",                    # 项目 not right after 等
    "在金融、医疗等领域推动落地一批外资项目。",            # fields, not names
    "依靠科技引领、改革推动、项目带动，推动产业升级。",    # 项目 opens the last item
])
def test_lists_that_do_not_name_projects(projects, sentence):
    assert projects(review=sentence) == []


def test_a_zone_stays_in_a_name_that_is_a_kind_without_it(make_record):
    rows = find_projects(make_record(review="东湖产业园区污水处理厂正式运营。"))
    assert [(p["name"], p["status"]) for p in rows] == [("东湖产业园区污水处理厂", "opened")]


def test_ring_roads_numbered_roads_and_directional_lines(projects):
    assert projects(review="东三环南延（长江路至黄河路）即将通车。") == [
        ("东三环南延（长江路至黄河路）", "ongoing", 2024)]
    assert projects(plan="实施206国道和京沪北线大修。") == [("206国道", "planned", 2025), ("京沪北线", "planned", 2025)]
    assert projects(review="建成83公里农村公路。") == []  # a number before a name is an amount


def test_what_a_project_crosses_is_part_of_its_name(projects):
    assert projects(review="完成东湖管网穿越西山铁路及206国道工程和南湖水厂扩建工程。") == [
        ("东湖管网穿越西山铁路及206国道工程", "completed", 2024), ("南湖水厂扩建工程", "completed", 2024)]


def test_speeding_up_is_ongoing(projects):
    assert projects(plan="加速实施东湖热泵、西山机电等5个项目。") == [
        ("东湖热泵", "ongoing", 2025), ("西山机电", "ongoing", 2025)]


def test_an_excluded_word_inside_a_longer_head_does_not_exclude(projects):
    assert projects(plan="新建东湖城市展览馆。") == [("东湖城市展览馆", "planned", 2025)]
    assert projects(review="举办东湖书画展览。") == []


def test_planning_verbs_are_no_part_of_the_name(projects):
    assert projects(plan="规划建设东部污水处理厂。谋划启动南山物流园。") == [
        ("东部污水处理厂", "planned", 2025), ("南山物流园", "planned", 2025)]


def test_an_excluded_word_that_holds_the_head_still_excludes(projects):
    assert projects(review="完成农村宅基地确权。加快城市道路建设。") == []


def test_overlapping_words_of_one_table_match_leftmost_first():
    """书法展 and 展览 overlap in 书法展览, 下穿 and 穿越 in 下穿越: the word that starts
    first is matched and the other is not. No word of these tables holds another,
    so at one position at most one can match, and the patterns (longest first,
    ``rules.alternation``) find what the table-order ones they replaced found."""
    from pipeline.meaning.projects import _crossing, _excluded
    assert [m.span() for m in _excluded().finditer("举办书法展览")] == [(2, 5)]
    assert [m.span() for m in _crossing().finditer("管网下穿越铁路")] == [(2, 4)]
    assert [m.span() for m in _excluded().finditer("道路线")] == [(0, 2)]  # 道路, not 路线


def test_parts_of_one_whole_are_no_projects(projects):
    parts = "规划建设集东湖电商中心、西山研究院为一体的综合示范区。"
    assert projects(plan=parts) == []
    assert [name for name, _, _ in projects(plan="规划建设东湖电商中心、西山研究院。")] == ["东湖电商中心", "西山研究院"]


def test_a_list_closed_by_a_kind_of_district_names_no_project(projects):
    assert projects(plan="推进东湖路、西山街等重点商圈建设。") == []
    assert [name for name, _, _ in projects(plan="推进东湖路、西山街建设。")] == ["东湖路", "西山街"]


@pytest.mark.parametrize("sentence", [
    "加快建设东湖国际消费中心城市。",       # a kind of city to become
    "落实东湖科创中心建设方案。",           # a plan named after a facility
    "推动东湖医院医改工作正式启动。",       # a reform at a hospital
    "新建改建农村公路20万公里。",           # lead verbs, then a kind of road
    "加大城市污水管网建设力度。",
    "加强乡村小规模学校建设。",
    "同步推进东湖骨干路网建设。",           # a road network, not a road
    "新建改扩建中小学、幼儿园120所。",       # kinds of school, counted
    "强化高端平台建设。",
    "加强农村义务教育寄宿制学校建设。",
])
def test_kinds_plans_and_networks_are_no_projects(projects, sentence):
    assert projects(plan=sentence) == []


def test_a_stretch_named_by_a_place_belongs_to_the_name(projects):
    assert projects(review="东湖铁路西山段建成通车。") == [("东湖铁路西山段", "opened", 2024)]
    assert projects(review="南湖防洪工程6个标段开工。") == [("南湖防洪工程", "started", 2024)]  # a count, no place


def test_serving_a_works_is_ongoing_and_markets_reservoirs_and_bridges_have_heads(projects):
    assert projects(plan="服务好西山高速改扩建工程。") == [("西山高速改扩建工程", "ongoing", 2025)]
    assert projects(review="南关便民市场和北关农贸市场建成投用。东湖水库、西河公路桥竣工。") == [
        ("南关便民市场", "in_use", 2024), ("北关农贸市场", "in_use", 2024),
        ("东湖水库", "completed", 2024), ("西河公路桥", "completed", 2024)]


def test_a_verb_inside_a_name_makes_it_a_clause(projects):
    assert projects(plan="协调东湖县实施西山路建设。支持头部企业牵头实施重大科技项目。") == []
    assert projects(plan="加紧实施西山路建设。") == [("西山路", "planned", 2025)]
    assert projects(plan="以东湖大学城建设为抓手。") == [("东湖大学城", "planned", 2025)]


def test_a_name_ends_where_its_right_most_head_ends(projects):
    """Heads are read from a name's end back, and the reading stops where no head
    could end further right: 大学城 starts before 学 and still ends the name, and a
    head whose ``needs`` fail (线 after no kind of line) ends none."""
    from pipeline.meaning.projects import _head_row, _name_length
    assert projects(plan="开工建设西湖大学城。") == [("西湖大学城", "started", 2025)]
    assert _name_length("西湖大学城") == 5 and _head_row("西湖大学城")["head"] == "大学城"
    assert _name_length("滨江公园环线") == 4
