"""Demo data: the Đắk Nông 2023 sustainable poverty-reduction plan, as plain Python.

Source: ``seeds/ke-hoach-dak-nong-2023.txt``, the Vietnamese text of the provincial
People's Committee plan "Thực hiện chỉ tiêu giảm nghèo bền vững năm 2023 trên địa bàn
tỉnh Đắk Nông". This module holds data only: no Flask, no SQLAlchemy, no I/O.

Conventions:

* Vietnamese text is copied verbatim from the seed, including the seed's own typos
  (e.g. "Phân đấu", "Phần đầu" for "Phấn đấu"; "Chi tiêu" for "Chỉ tiêu"; "Tựa vào" for
  "Tùy vào"; "Đăk Glong"; "thực hiện thực hiện"; "Công Thông tin" for "Cổng Thông tin").
  The only edits: lines split by page breaks in the seed were joined, and paragraphs
  are separated by a single "\\n".
* Section headings (I., II.1, ...) are not repeated inside the texts; numbered items
  and bullets below them are kept.
* Invented for the demo, not in the seed: the plan number and issue date, every
  email address, the total household counts in TARGETS (derived, see there), the
  communes in UNITS and the demo's cast at the end (people, budgets, a short target).
  Everything else comes from the seed.
* Rates are ``Decimal`` percentages with the plan's precision ("4,32%" -> 4.32).
"""

from decimal import Decimal

#: Change this one value to move every demo mailbox to another domain.
DEMO_EMAIL_DOMAIN = "daknong.demo.vn"


def redate(text, year):
    """A seed text for a plan of ``year``: "{year}" is the plan's year, "{prev_year}" the one before."""
    return text.replace("{year}", str(year)).replace("{prev_year}", str(year - 1))

PLAN = {
    # The seed has lost its header (no "Số: .../KH-UBND", no place and date line), so
    # the number is invented. Not "80": Kế hoạch số 80/KH-UBND ngày 15/02/2022 is a
    # different (2022) plan that this one cites among its legal bases.
    "number": "98",
    "symbol": "KH-UBND",
    # The year the seed was written for. The demo re-dates the title (title_template)
    # and, through ``redate``, the goals, indicators and duties: their "{year}" is the
    # plan's year (2023 in the seed), "{prev_year}" the baseline survey's (2022). The
    # other texts, and citations of documents (resolutions "về nhiệm vụ năm 2023", the
    # 2023-2025 policies), keep the seed's years.
    "year": 2023,
    "title": (
        "Thực hiện chỉ tiêu giảm nghèo bền vững năm 2023 trên địa bàn tỉnh Đắk Nông"
    ),
    # The title contains no 2022, so there is no {prev_year} placeholder.
    "title_template": (
        "Thực hiện chỉ tiêu giảm nghèo bền vững năm {year} trên địa bàn tỉnh Đắk Nông"
    ),
    "place": "Đắk Nông",
    # Not stated in the seed (header lost): a plausible date before the 31/3 sub-plan
    # deadline of section VI.15.
    "issued_month_day": (2, 15),
    # The preamble is one sentence, "Thực hiện <basis>; <basis>; ...;" -- the lead
    # word is kept apart so the bases can be listed or joined back with "; ".
    "legal_bases_lead": "Thực hiện",
    "legal_bases": [
        (
            "Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định chuẩn nghèo "
            "đa chiều giai đoạn 2021-2025"
        ),
        (
            "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025"
        ),
        (
            "Nghị quyết số 22-NQ/TU ngày 12/12/2022 của Ban Chấp hành Đảng bộ tỉnh khóa "
            "XII về nhiệm vụ năm 2023"
        ),
        (
            "Nghị quyết số 56/NQ-HĐND ngày 14/12/2022 của Hội đồng nhân dân tỉnh thông qua "
            "Kế hoạch phát triển kinh tế - xã hội năm 2023"
        ),
        (
            "Kế hoạch số 80/KH-UBND ngày 15/02/2022 của Ủy ban nhân dân tỉnh về việc triển "
            "khai Nghị quyết số 160/NQ-CP ngày 22/12/2021 của Chính phủ và Nghị quyết số "
            "13-NQ/TU ngày 16/12/2021 của Ban Chấp hành Đảng bộ tỉnh Đắk Nông về công tác "
            "giảm nghèo bền vững giai đoạn 2021-2025, định hướng đến năm 2030"
        ),
    ],
    "enacting_clause": (
        "Ủy ban nhân dân tỉnh Đắk Nông ban hành Kế hoạch thực hiện chỉ tiêu giảm nghèo bền "
        "vững năm 2023 trên địa bàn tỉnh (Kế hoạch), cụ thể như sau:"
    ),
    # Section I, "MỤC ĐÍCH, YÊU CẦU" (purpose and requirements).
    "purpose": (
        "1. Mục đích: Nhằm cụ thể hóa việc triển khai và đạt được các mục tiêu tại Nghị "
        "quyết số 13-NQ/TU ngày 16/12/2021 của Ban Chấp hành Đảng bộ tỉnh Đắk Nông về công "
        "tác giảm nghèo bền vững giai đoạn 2021-2025, định hướng đến năm 2030 (bình quân "
        "hằng năm giảm tỷ lệ hộ nghèo từ 3% trở lên, riêng đồng bào dân tộc thiểu số tại "
        "chỗ giảm từ 5% trở lên theo chuẩn nghèo đa chiều giai đoạn 2021-2025). Phân đấu "
        "đạt và vượt các chỉ tiêu về giảm nghèo năm 2023, góp phần thực hiện thắng lợi các "
        "mục tiêu, chỉ tiêu phát triển kinh tế - xã hội tỉnh Đắk Nông giai đoạn 2021-2025.\n"
        "2. Yêu cầu\n"
        "- Việc thực hiện Kế hoạch phải tuân thủ các quy định của Chính phủ, Thủ tướng "
        "Chính phủ, hướng dẫn của các Bộ, ngành trung ương có liên quan; các chỉ tiêu, "
        "nhiệm vụ, giải pháp tại Nghị quyết số 22-NQ/TU ngày 12/12/2022 của Ban Chấp hành "
        "Đảng bộ tỉnh khóa XII về nhiệm vụ năm 2023 và Nghị quyết số 56/NQ-HĐND ngày "
        "14/12/2022 của Hội đồng nhân dân tỉnh thông qua Kế hoạch phát triển kinh tế - xã "
        "hội năm 2023.\n"
        "- Giao Thủ trưởng các Sở, Ban, ngành liên quan và Chủ tịch Ủy ban nhân dân các "
        "huyện, thành phố xây dựng kế hoạch cụ thể triển khai thực hiện và chịu trách "
        "nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả thực hiện chỉ tiêu giảm "
        "nghèo năm 2023 theo lĩnh vực của ngành, địa phương phụ trách."
    ),
    # Section II.1, "Mục tiêu".
    "goals": (
        "a) Mục tiêu chung:\n"
        "- Tập trung giảm mạnh hộ nghèo, hạn chế tái nghèo; giảm khoảng cách tỷ lệ hộ "
        "nghèo, hộ cận nghèo giữa các vùng miền và các nhóm dân cư; cải thiện đời sống, "
        "tăng thu nhập của người dân, đặc biệt là ở các địa bàn khó khăn, huyện nghèo; tạo "
        "điều kiện cho người nghèo, hộ nghèo, hộ cận nghèo từng bước tiếp cận tốt nhất các "
        "dịch vụ xã hội cơ bản, góp phần hoàn thành mục tiêu tăng trưởng kinh tế, đảm bảo "
        "an sinh xã hội của tỉnh.\n"
        "- Huy động nguồn lực hỗ trợ đầu tư nâng cao chất lượng kết cấu hạ tầng ở các "
        "thôn, xã, huyện nghèo và địa phương có tỷ lệ nghèo cao theo bộ tiêu chí xây dựng "
        "nông thôn mới; tạo điều kiện cho phát triển kinh tế - xã hội, giảm nghèo nhanh và "
        "bền vững, ưu tiên cho địa bàn nghèo và các xã nghèo xây dựng nông thôn mới.\n"
        "b) Mục tiêu cụ thể:\n"
        "- Phần đầu đến cuối năm {year}, tỷ lệ hộ nghèo chung toàn tỉnh giảm từ 3% trở lên, "
        "riêng tỷ lệ hộ nghèo đồng bào dân tộc thiểu số tại chỗ giảm từ 5% trở lên.\n"
        "- 100% hộ nghèo, hộ cận nghèo thiếu hụt về tiêu chí thu nhập được hỗ trợ và tạo "
        "điều kiện vay vốn phát triển sản xuất, đào tạo nghề, tạo việc làm ổn định để tăng "
        "thu nhập.\n"
        "- 100% hộ nghèo, hộ cận nghèo thiếu hụt về các dịch vụ xã hội cơ bản sẽ được hỗ "
        "trợ một phần để từng bước cải thiện và tiếp cận các dịch vụ về việc làm, y tế, "
        "giáo dục, nhà ở, nước sinh hoạt và vệ sinh, tiếp cận thông tin.\n"
        "- Triển khai thực hiện chính sách xã hội đồng bộ, có trọng tâm, trọng điểm; thực "
        "hiện chính sách hỗ trợ có điều kiện gắn với đối tượng, địa bàn và thời hạn thụ "
        "hưởng nhằm tăng cường cơ hội tiếp cận chính sách.\n"
        "- Cập nhật dữ liệu, vận hành xuyên suốt từ cấp tỉnh đến cấp xã và quản lý hộ "
        "nghèo và đối tượng bảo trợ xã hội chặt chẽ."
    ),
    # Section II.2 a) only; the per-district list II.2 b) is TARGETS below.
    "indicators": (
        "a) Chỉ tiêu giảm tỷ lệ hộ nghèo chung của tỉnh:\n"
        "- Theo kết quả điều tra, rà soát hộ nghèo cuối năm {prev_year}, toàn tỉnh có 13.342 hộ "
        "nghèo, chiếm tỷ lệ 7,97%.\n"
        "- Mục tiêu: Phần đầu cuối năm {year} toàn tỉnh giảm từ 3% trở lên (tương ứng với số "
        "hộ giảm trên 4.990 hộ; số hộ nghèo chung toàn tỉnh cuối năm {year} còn 8.352 hộ, "
        "chiếm tỷ lệ 4,97%)."
    ),
    # Heading of section II.2 b), verbatim (the seed's "Chi tiêu" typo included).
    "indicators_units_heading": "b) Chi tiêu giảm tỷ lệ hộ nghèo của các huyện, thành phố",
    # Section III, "PHẠM VI, ĐỐI TƯỢNG".
    "scope": (
        "1. Phạm vi: Thực hiện trên phạm vi toàn tỉnh Đắk Nông.\n"
        "2. Đối tượng\n"
        "- Người nghèo, hộ nghèo; người cận nghèo, hộ cận nghèo; người thoát nghèo, hộ "
        "thoát nghèo trên phạm vi toàn tỉnh.\n"
        "- Huyện nghèo; xã nghèo, bao gồm: Xã đặc biệt khó khăn vùng đồng bào dân tộc; "
        "thôn đặc biệt khó khăn vùng đồng bào dân tộc; thôn, bon, buôn, bản trọng điểm.\n"
        "- Các nhóm đối tượng hộ nghèo, cận nghèo theo các nhóm nguyên nhân nghèo."
    ),
    # Section IV, "NỘI DUNG THỰC HIỆN", complete.
    "tasks": (
        "Triển khai đồng bộ các cơ chế, chính sách, chương trình giảm nghèo phù hợp với "
        "thực tiễn; lồng ghép với Chương trình mục tiêu quốc gia xây dựng nông thôn mới; "
        "huy động sức mạnh tổng hợp của cả hệ thống chính trị để thực hiện thành công chỉ "
        "tiêu, mục tiêu giảm nghèo năm 2023. Các cơ quan, đơn vị và Ủy ban nhân dân các "
        "huyện, thành phố tập trung rà soát, phân loại ưu tiên hỗ trợ cho số hộ nghèo theo "
        "chỉ tiêu giảm nghèo năm 2023 (khoảng 4.990 hộ nghèo) tiếp cận các dịch vụ xã hội "
        "cơ bản và hỗ trợ về thu nhập. Các tổ chức đoàn thể xây dựng kế hoạch trợ giúp "
        "nhóm đối tượng hộ nghèo thuộc hội viên, đoàn viên của đơn vị. Ngoài ra, tập trung "
        "thực hiện một số nhiệm vụ và giải pháp chủ yếu sau:\n"
        "1. Tăng cường sự lãnh đạo của Đảng, chỉ đạo của chính quyền địa phương, phối hợp "
        "và giám sát của Mặt trận Tổ quốc, các đoàn thể để nâng cao nhận thức, trách nhiệm "
        "để tổ chức thực hiện tốt công tác giảm nghèo bền vững, đặc biệt là công tác điều "
        "tra, rà soát xác định hộ nghèo, hộ cận nghèo\n"
        "- Các cấp ủy Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể ở cơ sở ban hành "
        "các chương trình, kế hoạch thực hiện giảm nghèo bền vững, giảm nghèo có địa chỉ, "
        "trước hết là phải chấp hành, quán triệt và triển khai thực hiện nghiêm túc các "
        "nghị quyết, chương trình, kế hoạch, kết luận của cấp trên về công tác giảm nghèo "
        "bền vững.\n"
        "- Tựa vào tình hình cụ thể, chỉ tiêu ký cam kết hàng năm, các địa phương đề ra "
        "các mục tiêu và giải pháp cụ thể, thiết thực để lãnh đạo thực hiện, cần có sự "
        "phân công trách nhiệm cụ thể cho các thành viên Ban Chỉ đạo các Chương trình mục "
        "tiêu quốc gia các cấp để chủ động, kịp thời chỉ đạo công tác giảm nghèo, tập "
        "trung các xã, thôn, buôn, bon, bản có tỷ lệ hộ nghèo và cận nghèo cao; tăng cường "
        "kiểm tra việc thực hiện các giải pháp giảm nghèo bền vững ở địa phương, cơ sở; có "
        "nhiều hình thức, hoạt động tuyên truyền phong phú để nâng cao nhận thức, trách "
        "nhiệm trong cán bộ, đảng viên và Nhân dân về thực hiện giảm nghèo bền vững, giảm "
        "nghèo có địa chỉ; khơi dậy ý chí chủ động, trách nhiệm tự lực vươn lên của người "
        "nghèo; nâng cao năng lực cộng đồng, quản lý và sử dụng có hiệu quả nguồn lực hỗ "
        "trợ của Nhà nước, của cộng đồng để thoát nghèo bền vững. Mỗi hộ nghèo, người "
        "nghèo, địa phương nghèo phải tích cực học tập, tìm việc làm, nỗ lực phấn đấu vươn "
        "lên thoát nghèo bền vững.\n"
        "- Chính quyền cơ sở cần tập trung chỉ đạo quyết liệt thực hiện tốt các chương "
        "trình, dự án, chính sách giảm nghèo nhất là Chương trình mục tiêu quốc gia giảm "
        "nghèo bền vững. Tựa nguồn lực huy động và ngân sách địa phương, có thể ban hành "
        "chính sách giảm nghèo mới hoặc nâng định mức hỗ trợ của các dự án, chính sách "
        "giảm nghèo của Trung ương và của tỉnh để phù hợp với công tác giảm nghèo của "
        "huyện, thành phố.\n"
        "- Điều tra, rà soát hộ nghèo, hộ cận nghèo có ý nghĩa quan trọng, vừa là cơ sở để "
        "đánh giá thực trạng và kết quả thực hiện công tác giảm nghèo, vừa là cơ sở để "
        "thực hiện các cơ chế, chính sách và giải pháp giảm nghèo. Vì vậy, cần phải tập "
        "trung lãnh đạo, chỉ đạo thực hiện theo đúng quy trình và khách quan, không chạy "
        "theo thành tích, áp đặt chỉ tiêu giảm nghèo, không để bỏ sót hộ nghèo, cận nghèo "
        "hoặc đưa vào danh sách những hộ không đủ điều kiện; đào tạo, tập huấn đội ngũ "
        "Điều tra viên chuyên nghiệp để cùng với cán bộ xã, thôn thực hiện tốt điều tra, "
        "rà soát hộ nghèo, hộ cận nghèo.\n"
        "2. Đẩy mạnh thực hiện các cơ chế, chính sách, chương trình, đề án hỗ trợ phát "
        "triển kinh tế - xã hội và thực hiện tốt Chương trình mục tiêu quốc gia giảm nghèo "
        "bền vững giai đoạn 2021-2025, Chương trình mục tiêu quốc gia xây dựng nông thôn "
        "mới giai đoạn 2021-2025, Chương trình mục tiêu quốc gia phát triển kinh tế - xã "
        "hội vùng dân tộc thiểu số và miền núi giai đoạn 2021-2030, giai đoạn I: từ năm "
        "2021 đến năm 2025.\n"
        "- Tăng cường chỉ đạo triển khai thực hiện kịp thời chính sách khuyến khích doanh "
        "nghiệp đầu tư vào lĩnh vực nông nghiệp, nông thôn theo cơ chế, chính sách khuyến "
        "khích quy định, tạo việc làm, tăng thu nhập, thúc đẩy phát triển kinh tế - xã "
        "hội, giảm nghèo nhanh, bền vững.\n"
        "- Thực hiện tốt quy hoạch bố trí dân cư vùng dân tộc thiểu số trên cơ sở lồng "
        "ghép nhiều chương trình, dự án trên cùng địa bàn để đảm bảo nguồn lực thực hiện "
        "và đầu tư đồng bộ về cơ sở hạ tầng cũng như sắp xếp, bố trí dân cư gắn với phát "
        "triển sản xuất; tổ chức thực hiện giao đất, giao rừng cho hộ dân, cộng đồng quản "
        "lý theo đúng quy hoạch bảo vệ và phát triển rừng, quy hoạch sử dụng đất được "
        "duyệt; tăng cường thực hiện các chính sách dân tộc miền núi, quy hoạch sử dụng "
        "đất, trong đó ưu tiên bố trí đất ở, đất sản xuất cho hộ nghèo, đồng bào dân tộc "
        "thiểu số; hộ nghèo dân tộc Kinh sinh sống ở xã đặc biệt khó khăn, thôn đặc biệt "
        "khó khăn.\n"
        "- Tổ chức thực hiện tốt Chương trình mục tiêu quốc gia giảm nghèo bền vững giai "
        "đoạn 2021-2025, Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn "
        "2021-2025, Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng dân "
        "tộc thiểu số và miền núi giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm "
        "2025. Quá trình tổ chức thực hiện, phải phối hợp chặt chẽ để lồng ghép các hoạt "
        "động của 03 Chương trình mục tiêu quốc gia vào kế hoạch phát triển kinh tế - xã "
        "hội của địa phương, ưu tiên cho địa bàn xã nghèo, huyện nghèo để đầu tư đồng bộ "
        "theo bộ tiêu chí nông thôn mới.\n"
        "3. Tổ chức thực hiện tốt các chương trình mục tiêu quốc gia và các chính sách "
        "giảm nghèo để thúc đẩy phát triển kinh tế - xã hội, giảm nghèo bền vững theo "
        "hướng tiếp cận đa chiều\n"
        "- Thực hiện hỗ trợ phát triển sản xuất, đa dạng sinh kế, nhân rộng mô hình giảm "
        "nghèo, đào tạo nghề, tư vấn giới thiệu việc làm, xuất khẩu lao động và giải quyết "
        "nhu cầu vay vốn của hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo để tạo việc làm, "
        "nâng cao thu nhập.\n"
        "+ Tiếp tục chú trọng nhân rộng, triển khai có hiệu quả các mô hình sản xuất do "
        "Nhân dân làm chủ, chính quyền hỗ trợ, có sự tham gia của doanh nghiệp, sự liên "
        "kết giữa người dân và doanh nghiệp, có đầu vào, đầu ra gắn với thị trường, kiên "
        "quyết không làm theo kiểu phong trào; trong đó, ưu tiên nguồn lực hỗ trợ cho hộ "
        "nghèo thuộc chính sách người có công và hộ nghèo đăng ký thoát nghèo bền vững. "
        "Trong quá trình thực hiện phải tăng cường lồng ghép nguồn vốn giữa các chương "
        "trình, chính sách để hỗ trợ đầu tư cho các xã nghèo, xã biên giới, xã đăng ký đạt "
        "chuẩn nông thôn mới nhằm nâng cao hiệu quả đầu tư, góp phần thúc đẩy phát triển "
        "kinh tế - xã hội và giảm nghèo bền vững.\n"
        "+ Căn cứ số lượng hộ nghèo, hộ cận nghèo đăng ký thoát nghèo, đặc điểm, hoàn "
        "cảnh, điều kiện và kế hoạch thoát nghèo của từng hộ, từng địa phương để xây dựng "
        "kế hoạch thực hiện cụ thể; đồng thời, đề nghị Mặt trận Tổ quốc Việt Nam và các "
        "Hội, đoàn thể các cấp, các cơ quan, đơn vị, địa phương, doanh nghiệp kết nghĩa "
        "nhận, hỗ trợ hộ đăng ký thoát nghèo.\n"
        "- Thực hiện hỗ trợ hộ nghèo cải thiện chỉ số thiếu hụt các dịch vụ xã hội cơ bản "
        "(y tế, giáo dục, nhà ở, nước sạch - vệ sinh, thông tin, việc làm). Đối với dịch "
        "vụ xã hội về nhà ở, nước sạch - vệ sinh và thông tin; Ủy ban nhân dân cấp huyện "
        "chỉ đạo Ủy ban nhân dân cấp xã đẩy mạnh tuyên truyền, vận động hộ dân liên hệ với "
        "Chi nhánh Ngân hàng Chính sách xã hội để được vay vốn xây dựng, sửa chữa nhà ở, "
        "làm công trình vệ sinh, công trình nước sạch theo các chương trình cho vay hiện "
        "nay của Nhà nước. Ngoài ra, Ủy ban Mặt trận Tổ quốc Việt Nam, các đoàn thể, các "
        "cơ quan, đơn vị kết nghĩa tăng cường hỗ trợ, giúp đỡ hộ nghèo xây dựng nhà ở, "
        "công trình nước sạch, vệ sinh; đồng thời, tổ chức vận động doanh nghiệp, cán bộ, "
        "đảng viên và Nhân dân quyên góp các phương tiện nghe - xem (điện thoại, tivi... "
        "còn chất lượng và sử dụng được) để hỗ trợ hộ nghèo cải thiện các chỉ số thiếu hụt "
        "các dịch vụ xã hội cơ bản.\n"
        "- Tiếp tục thực hiện tốt các chính sách an sinh xã hội để trợ giúp người nghèo, "
        "người cận nghèo, người mới thoát nghèo có cuộc sống ổn định, đảm bảo đúng đối "
        "tượng theo quy định của pháp luật, nhất là triển khai kịp thời, hiệu quả chính "
        "sách hỗ trợ cải thiện mức sống cho một số đối tượng thuộc hộ nghèo đang hưởng "
        "chính sách người có công với cách mạng và bảo trợ xã hội.\n"
        "4. Tập trung, ưu tiên hỗ trợ đầu tư phát triển kết cấu hạ tầng cho các địa bàn "
        "nghèo, địa bàn có tỷ lệ nghèo cao, thôn, bon, buôn, bản trọng điểm\n"
        "- Hỗ trợ đầu tư xây dựng cơ sở hạ tầng tại các thôn, bon, buôn, bản trọng điểm, "
        "các xã nghèo đặc biệt khó khăn và các huyện có tỷ lệ nghèo cao từ nguồn ngân sách "
        "trung ương theo Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn "
        "2021-2025, Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn "
        "2021-2025, Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng dân "
        "tộc thiểu số và miền núi giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm "
        "2025 và các chương trình, dự án khác có liên quan; chú trọng vận động các nguồn "
        "lực xã hội để đầu tư xây dựng cơ sở hạ tầng thiết yếu.\n"
        "- Hỗ trợ đầu tư xây dựng cơ sở hạ tầng tại các huyện có tỷ lệ nghèo và cận nghèo "
        "cao từ nguồn ngân sách được bố trí theo quy định của Chính phủ.\n"
        "5. Thực hiện tốt chính sách hỗ trợ đặc thù từ nguồn ngân sách địa phương phục vụ "
        "giảm nghèo bền vững: Sở Lao động – Thương binh và Xã hội, Sở Giáo dục và Đào tạo, "
        "Sở Xây dựng và Ủy ban nhân dân các huyện, thành phố tổ chức thực hiện hiệu quả "
        "các chính sách tại Nghị quyết số 11/2022/NQ-HĐND ngày 14/12/2022 của Hội đồng "
        "nhân dân tỉnh quy định một số chính sách thực hiện mục tiêu giảm nghèo bền vững "
        "giai đoạn 2023-2025 trên địa bàn tỉnh Đắk Nông.\n"
        "6. Thực hiện đào tạo, tập huấn bồi dưỡng nâng cao năng lực cho đội ngũ cán bộ "
        "giảm nghèo các cấp: Tổ chức đào tạo, bồi dưỡng nâng cao năng lực chuyên môn, "
        "nghiệp vụ cho cán bộ theo dõi chương trình, đủ năng lực tham mưu triển khai đồng "
        "bộ, kịp thời, hiệu quả các chính sách hỗ trợ giảm nghèo và an sinh xã hội tại địa "
        "phương. Nội dung đào tạo, tập huấn thực hiện theo hướng dẫn của trung ương và đặc "
        "điểm, thực trạng nghèo và giải pháp, chính sách giảm nghèo của tỉnh. Nguồn kinh "
        "phí thực hiện từ Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn "
        "2021-2025 và các nguồn vốn lồng ghép từ các chương trình, dự án khác.\n"
        "7. Tăng cường huy động và sử dụng hiệu quả các nguồn lực phục vụ thực hiện Kế "
        "hoạch\n"
        "- Sử dụng hiệu quả nguồn ngân sách trung ương hỗ trợ thực hiện các chính sách, dự "
        "án giảm nghèo, đặc biệt là nguồn vốn Chương trình mục tiêu quốc gia giảm nghèo "
        "bền vững giai đoạn 2021-2025. Bố trí ngân sách đủ để thực hiện đồng bộ, kịp thời, "
        "đủ các chế độ, chính sách giảm nghèo trên địa bàn tỉnh.\n"
        "- Tăng cường lồng ghép các nguồn vốn của các chương trình, dự án trên cùng địa "
        "bàn để đạt mục tiêu giảm nghèo bền vững, nhất là lồng ghép với Chương trình mục "
        "tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025, Chương trình mục tiêu "
        "quốc gia phát triển kinh tế - xã hội vùng dân tộc thiểu số và miền núi giai đoạn "
        "2021-2030, giai đoạn I: từ năm 2021 đến năm 2025.\n"
        "- Tiếp tục vận động các doanh nghiệp có tiềm lực kinh tế trong và ngoài tỉnh giúp "
        "đỡ các xã nghèo, huyện nghèo phát triển kinh tế - xã hội, phục vụ mục tiêu giảm "
        "nghèo bền vững, trước mắt có 13 xã thuộc 02 huyện nghèo (Tuy Đức và Đăk Glong) "
        "cần vận động mỗi doanh nghiệp đỡ đầu 01 xã nghèo. Ngoài ra, phân công các cơ "
        "quan, đơn vị (cấp tỉnh, huyện, xã) kết nghĩa, giúp đỡ xã nghèo theo chức năng, "
        "nhiệm vụ và khả năng huy động nguồn lực của cơ quan, đơn vị mình để tăng cường "
        "nguồn lực cho giảm nghèo, tạo điều kiện giảm nghèo bền vững; phân công cán bộ, "
        "đảng viên nhận hỗ trợ, giúp đỡ hộ nghèo.\n"
        "8. Tăng cường công tác kiểm tra, giám sát đánh giá kế hoạch giảm nghèo ở các cấp "
        "và cơ sở\n"
        "- Các cấp ủy Đảng đưa nội dung giảm nghèo vào Nghị quyết của cấp mình; đồng thời, "
        "có kế hoạch kiểm tra việc thực hiện Nghị quyết của Đảng về công tác hỗ trợ giảm "
        "nghèo định kỳ và hằng năm.\n"
        "- Phát huy vai trò giám sát của Mặt trận Tổ quốc Việt Nam, các đoàn thể ở các cấp "
        "và các tầng lớp Nhân dân. Đưa nội dung giám sát Chương trình mục tiêu quốc gia "
        "giảm nghèo bền vững giai đoạn 2021-2025 vào Chương trình công tác hằng năm của cơ "
        "quan, đơn vị, tổ chức.\n"
        "- Chính quyền các cấp thường xuyên chỉ đạo, thành lập các đoàn, tổ công tác để tổ "
        "chức kiểm tra, giám sát đánh giá tình hình, kết quả thực hiện Chương trình mục "
        "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 tại địa phương theo đúng "
        "thẩm quyền và quy định.\n"
        "- Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức đoàn thể của tỉnh "
        "xây dựng kế hoạch năm 2023 về giám sát, hỗ trợ thực hiện Chương trình mục tiêu "
        "quốc gia giảm nghèo bền vững giai đoạn 2021-2025, đưa ra các giải pháp, huy động "
        "nguồn lực của trung ương, vận động kêu gọi tiếp tục xây dựng các mô hình hiệu "
        "quả, các quỹ để hỗ trợ, giúp đỡ các hội viên của các Hội Nông dân, Hội Cựu chiến "
        "binh, Đoàn Thanh niên Cộng sản Hồ Chí Minh, Hội Liên hiệp Phụ nữ là hộ nghèo vươn "
        "lên thoát nghèo bền vững."
    ),
    # Section V, "KINH PHÍ THỰC HIỆN".
    "funding": (
        "1. Kinh phí thực hiện Kế hoạch này được bố trí từ kinh phí thực hiện các Chương "
        "trình mục tiêu quốc gia năm 2023 (ngân sách trung ương hỗ trợ, ngân sách địa "
        "phương đối ứng theo quy định và các nguồn lực khác thực hiện các Chương trình mục "
        "tiêu quốc gia), trong đó thực hiện tốt nguyên tắc lồng ghép nguồn vốn giữa các "
        "Chương trình mục tiêu quốc gia, giữa các Chương trình mục tiêu quốc gia và các "
        "chương trình, dự án khác để hoàn thành chỉ tiêu giảm nghèo bền vững đề ra; kinh "
        "phí thực hiện các chính sách về giảm nghèo của trung ương và địa phương; nguồn "
        "huy động, đóng góp từ cộng đồng, doanh nghiệp và tổ chức xã hội, nhà hảo tâm theo "
        "quy định của pháp luật.\n"
        "2. Các cơ quan, đơn vị, địa phương chủ động sử dụng nguồn kinh phí chi thường "
        "xuyên theo định mức được bố trí để thực hiện đối với các nhiệm vụ thuộc chức "
        "năng, nhiệm vụ."
    ),
    # Section VI.15 verbatim: applies to every assigned unit; DEADLINES holds its dates.
    "reporting_clause": (
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức đoàn thể tỉnh, yêu "
        "cầu các Sở, Ban, ngành liên quan và Ủy ban nhân dân các huyện, thành phố tổ chức "
        "xây dựng kế hoạch của đơn vị, địa phương để thực hiện các nhiệm vụ được giao "
        "trước ngày 31/3/2023; báo cáo kết quả thực hiện Kế hoạch định kỳ 6 tháng (trước "
        "ngày 15/6/2023), 01 năm (trước ngày 15/12/2023) về Ủy ban nhân dân tỉnh (qua Sở "
        "Lao động - Thương binh và Xã hội)."
    ),
    "closing": (
        "Trên đây là Kế hoạch thực hiện chỉ tiêu giảm nghèo bền vững năm 2023 trên địa bàn "
        "tỉnh Đắk Nông, đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành "
        "viên, yêu cầu các Sở, Ban, ngành liên quan, Ủy ban nhân dân các huyện, thành phố "
        "tổ chức triển khai thực hiện./."
    ),
    # "Nơi nhận", one line each, without the leading "- " and the trailing ";" / "."
    # of the printed list. The seed also has a stray "(B/c)" (= để báo cáo, "for
    # report") after the list, which in the original marks the first recipients
    # (ministry, provincial Party and council standing committees); left out here.
    "recipients": [
        "Bộ Lao động - Thương binh và Xã hội",
        "Thường trực Tỉnh ủy",
        "Thường trực HĐND tỉnh",
        "Chủ tịch, các PCT UBND tỉnh",
        "Ủy ban MTTQ Việt Nam tỉnh",
        "Các Sở, Ban, ngành, đoàn thể tỉnh",
        "Bảo hiểm xã hội tỉnh",
        "Chi nhánh Ngân hàng chính sách xã hội tỉnh",
        "Cục Thống kê tỉnh",
        "Các Huyện ủy, Thành ủy (P/hợp chi đạo)",
        "UBND các huyện, thành phố",
        "Báo Đắk Nông, Đài PT&TH Đắk Nông",
        "Công Thông tin điện tử tỉnh",
        "Lưu: VT, các Phòng CM, KGVX(Hp)",
    ],
    # As printed in the seed: no "TM. ỦY BAN NHÂN DÂN" line above these two.
    "signer_title_lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    "signer_name": "Tôn Thị Ngọc Hạnh",
}

# The unit tree. The root is the issuing People's Committee; every unit named in
# section VI or in the target list hangs directly under it. Non-subordinate partners
# (Fatherland Front, mass organisations, Social Policy Bank, Social Insurance,
# Statistics) are kind "organisation". The mass organisations are those named in
# section IV.8 (the seed names no Liên đoàn Lao động). Communes exist only for the two
# poor districts, to give the tree depth; they are real communes, chosen for the demo.
UNITS = [
    {
        "code": "UBND-DNO",
        "name": "Ủy ban nhân dân tỉnh Đắk Nông",
        "kind": "province",
        "parent": None,
        "emails": [f"vanphong@{DEMO_EMAIL_DOMAIN}", f"ubnd@{DEMO_EMAIL_DOMAIN}"],
    },
    # Departments (Sở), in the order of section VI.
    {
        "code": "SLDTBXH",
        "name": "Sở Lao động - Thương binh và Xã hội",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"sldtbxh@{DEMO_EMAIL_DOMAIN}", f"giamngheo.sldtbxh@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "SKHDT",
        "name": "Sở Kế hoạch và Đầu tư",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"skhdt@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "STC",
        "name": "Sở Tài chính",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"stc@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "SNNPTNT",
        "name": "Sở Nông nghiệp và Phát triển nông thôn",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"snnptnt@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "STTTT",
        "name": "Sở Thông tin và Truyền thông",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"stttt@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "SYT",
        "name": "Sở Y tế",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"syt@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "SGDDT",
        "name": "Sở Giáo dục và Đào tạo",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"sgddt@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "SXD",
        "name": "Sở Xây dựng",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"sxd@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "STP",
        "name": "Sở Tư pháp",
        "kind": "department",
        "parent": "UBND-DNO",
        "emails": [f"stp@{DEMO_EMAIL_DOMAIN}"],
    },
    # Central agencies' provincial branches and the Fatherland Front with the mass
    # organisations: partners, not subordinates.
    {
        "code": "NHCSXH",
        "name": "Chi nhánh Ngân hàng chính sách xã hội tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"nhcsxh@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "CTK",
        "name": "Cục Thống kê tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"cucthongke@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "BHXH",
        "name": "Bảo hiểm xã hội tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"bhxh@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "MTTQ",
        "name": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"mttq@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "HND",
        "name": "Hội Nông dân tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"hoinongdan@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "HCCB",
        "name": "Hội Cựu chiến binh tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"hoiccb@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DOAN-TN",
        "name": "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"tinhdoan@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "HLHPN",
        "name": "Hội Liên hiệp Phụ nữ tỉnh",
        "kind": "organisation",
        "parent": "UBND-DNO",
        "emails": [f"hoiphunu@{DEMO_EMAIL_DOMAIN}"],
    },
    # Districts and the provincial city, in the order of section II.2 b). The second
    # mailbox is the district labour office (Phòng LĐTBXH), which does the work.
    {
        "code": "KRONG-NO",
        "name": "Huyện Krông Nô",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.krongno@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.krongno@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "CU-JUT",
        "name": "Huyện Cư Jút",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.cujut@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.cujut@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-MIL",
        "name": "Huyện Đắk Mil",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.dakmil@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.dakmil@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-SONG",
        "name": "Huyện Đắk Song",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.daksong@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.daksong@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-RLAP",
        "name": "Huyện Đắk R'Lấp",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.dakrlap@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.dakrlap@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-GLONG",
        "name": "Huyện Đắk Glong",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.dakglong@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.dakglong@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "TUY-DUC",
        "name": "Huyện Tuy Đức",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.tuyduc@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.tuyduc@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "GIA-NGHIA",
        "name": "Thành phố Gia Nghĩa",
        "kind": "district",
        "parent": "UBND-DNO",
        "emails": [f"ubnd.gianghia@{DEMO_EMAIL_DOMAIN}", f"ldtbxh.gianghia@{DEMO_EMAIL_DOMAIN}"],
    },
    # Communes of the two poor districts (demo depth; not named in the seed).
    {
        "code": "QUANG-SON",
        "name": "Xã Quảng Sơn",
        "kind": "commune",
        "parent": "DAK-GLONG",
        "emails": [f"ubnd.quangson@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-SOM",
        "name": "Xã Đắk Som",
        "kind": "commune",
        "parent": "DAK-GLONG",
        "emails": [f"ubnd.daksom@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "QUANG-KHE",
        "name": "Xã Quảng Khê",
        "kind": "commune",
        "parent": "DAK-GLONG",
        "emails": [f"ubnd.quangkhe@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-BUK-SO",
        "name": "Xã Đắk Búk So",
        "kind": "commune",
        "parent": "TUY-DUC",
        "emails": [f"ubnd.dakbukso@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "QUANG-TAN",
        "name": "Xã Quảng Tân",
        "kind": "commune",
        "parent": "TUY-DUC",
        "emails": [f"ubnd.quangtan@{DEMO_EMAIL_DOMAIN}"],
    },
    {
        "code": "DAK-RTIH",
        "name": "Xã Đắk R'Tih",
        "kind": "commune",
        "parent": "TUY-DUC",
        "emails": [f"ubnd.dakrtih@{DEMO_EMAIL_DOMAIN}"],
    },
]

COORDINATING_UNIT = "SLDTBXH"
ISSUING_UNIT = "UBND-DNO"

# Section VI.13, shared by the Fatherland Front and each mass organisation.
_MASS_ORG_DUTIES = (
    "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức đoàn thể tỉnh\n"
    "- Tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tham gia hưởng ứng Phong "
    "trào thi đua “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”; vận "
    "động nguồn kinh phí cho Quỹ “Đền ơn đáp nghĩa và an sinh xã hội”. Vận động các nguồn "
    "lực hỗ trợ giảm nghèo bền vững; xây dựng và nhân rộng các mô hình tiên tiến về giảm "
    "nghèo bền vững; tổ chức giám sát và phản biện xã hội về giảm nghèo bền vững.\n"
    "- Các tổ chức đoàn thể xây dựng kế hoạch, đưa ra các giải pháp, huy động nguồn lực để "
    "hỗ trợ, giao trách nhiệm cho từng hội viên, đoàn viên giúp đỡ hội viên, đoàn viên là "
    "hộ nghèo vươn lên thoát nghèo bền vững."
)

# Section VI.14, shared by every district and the city.
_DISTRICT_DUTIES = (
    "Ủy ban nhân dân các huyện, thành phố: Xây dựng kế hoạch giảm nghèo cụ thể của địa "
    "phương phù hợp với thực tiễn; nội dung của kế hoạch phải xác định rõ trách nhiệm của "
    "từng cấp, từng phòng, ban, đơn vị, cá nhân trong lãnh đạo, chỉ đạo, đôn đốc thực "
    "hiện; giao chỉ tiêu giảm số hộ nghèo, hộ cận nghèo đến từng xã, phường, thị trấn. Tổ "
    "chức thực hiện đầy đủ các chính sách giảm nghèo chung và các dự án Chương trình mục "
    "tiêu quốc gia giảm nghèo bền vững. Bố trí kinh phí thực hiện đầy đủ các chính sách "
    "giảm nghèo chung theo phân cấp quản lý. Kiểm tra, giám sát kết quả thực hiện đối với "
    "cấp xã. Đánh giá kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững "
    "vào cuối năm {year} báo cáo Ủy ban nhân dân tỉnh (qua Sở Lao động - Thương binh và Xã "
    "hội) theo quy định."
)

# Section VI, items 1-14 in the seed's order; "item" is the item number. Each
# "duties" is the item's text without its number, so it still opens with the unit's
# name as the plan words it. "requested" marks partners that are asked, not ordered:
# item 13 says so ("Đề nghị ..."); items 10-12 (Social Policy Bank, Statistics, Social
# Insurance) are worded as plain duties ("Chủ trì, ...") in this seed, but these are
# central agencies' branches, not subordinate to the province, so they are requested
# too (as DOMAIN.md classes them). Item 15 is the reporting clause for everyone:
# PLAN["reporting_clause"] and DEADLINES.
ASSIGNMENTS = [
    {
        "unit": "SLDTBXH",
        "item": 1,
        "duties": (
            "Sở Lao động - Thương binh và Xã hội chủ trì:\n"
            "- Phối hợp với các Sở, Ban, ngành liên quan chỉ đạo, hướng dẫn các địa phương "
            "thực hiện Kế hoạch. Trực tiếp triển khai các nội dung: Nhân rộng mô hình giảm "
            "nghèo; nâng cao năng lực cán bộ và cộng đồng địa bàn các xã, thôn đặc biệt "
            "khó khăn; truyền thông về giảm nghèo; nâng cao năng lực, kiểm tra, đánh giá "
            "thực hiện chương trình.\n"
            "- Kiểm tra, giám sát việc thực hiện mục tiêu giảm nghèo đối với Ủy ban nhân "
            "dân các huyện, thành phố và nội dung thực hiện Chương trình mục tiêu quốc gia "
            "giảm nghèo bền vững giai đoạn 2021-2025 trên địa bàn tỉnh; tổng hợp, báo cáo "
            "theo quy định.\n"
            "- Tham mưu Ủy ban nhân dân tỉnh thực hiện sơ kết, tổng kết việc thực hiện kế "
            "hoạch giảm nghèo hằng năm và giai đoạn gắn với thi đua khen thưởng kịp thời.\n"
            "- Tổng hợp các kiến nghị về cơ chế, giải pháp bổ sung hoàn chỉnh Kế hoạch "
            "giảm nghèo bền vững năm {year}.\n"
            "- Phối hợp cung cấp danh sách chi tiết hộ nghèo theo đối tượng cho các cơ "
            "quan, đoàn thể xây dựng kế hoạch giảm nghèo."
        ),
        "requested": False,
    },
    {
        "unit": "SKHDT",
        "item": 2,
        "duties": (
            "Sở Kế hoạch và Đầu tư: Chủ trì, hướng dẫn các địa phương thực hiện lồng ghép "
            "và sử dụng có hiệu quả nguồn vốn đầu tư cho các Chương trình mục tiêu quốc "
            "gia; kiểm tra, đánh giá việc thực hiện các Chương trình mục tiêu quốc gia, "
            "chương trình mục tiêu của các lĩnh vực gắn với việc thực hiện các mục tiêu "
            "giảm nghèo; phối hợp với Sở Tài chính cân đối bố trí và phân bổ ngân sách địa "
            "phương để tăng cường nguồn lực cho các mục tiêu giảm nghèo chung trên địa bàn "
            "toàn tỉnh theo đề xuất kinh phí của các đơn vị có liên quan."
        ),
        "requested": False,
    },
    {
        "unit": "STC",
        "item": 3,
        "duties": (
            "Sở Tài chính: Phối hợp với các cơ quan, đơn vị có liên quan trong việc tổng "
            "hợp, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí sự nghiệp thực hiện các "
            "nhiệm vụ được giao tại Kế hoạch này theo đúng quy định."
        ),
        "requested": False,
    },
    {
        "unit": "SNNPTNT",
        "item": 4,
        "duties": (
            "Sở Nông nghiệp và Phát triển nông thôn chủ trì:\n"
            "- Hướng dẫn thực hiện các dự án, chương trình cung cấp nước sạch cho người "
            "dân; phát triển các ngành nghề nông thôn; triển khai chương trình khuyến "
            "nông, lâm, ngư, hỗ trợ xây dựng các mô hình chuyển giao tiến bộ kỹ thuật, mô "
            "hình sản xuất chuyên canh tập trung theo hướng sản xuất hàng hóa để người "
            "nghèo dễ tiếp cận và tham gia.\n"
            "- Bồi dưỡng nghiệp vụ cán bộ khuyến nông cơ sở trong việc giúp đỡ, hướng dẫn "
            "các hộ gia đình vay vốn, sử dụng nguồn vốn, tổ chức sản xuất.\n"
            "- Xây dựng và tổ chức thực hiện đồng bộ các giải pháp nhằm đảm bảo các tiêu "
            "chí về xây dựng nông thôn mới ưu tiên những xã có tỷ lệ hộ nghèo cao.\n"
            "- Thực hiện việc lồng ghép các chương trình của ngành với việc thực hiện "
            "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 trên "
            "địa bàn tỉnh."
        ),
        "requested": False,
    },
    {
        "unit": "STTTT",
        "item": 5,
        "duties": (
            "Sở Thông tin và Truyền thông: Chủ trì, phối hợp với Sở Lao động - Thương binh "
            "và Xã hội, các cơ quan liên quan hướng dẫn, giám sát các địa phương thực hiện "
            "Dự án “Truyền thông và giảm nghèo về thông tin”. Trực tiếp triển khai Tiểu dự "
            "án “Giảm nghèo về thông tin”. Tổng hợp báo cáo giám sát, báo cáo đánh giá "
            "theo quy định."
        ),
        "requested": False,
    },
    {
        "unit": "SYT",
        "item": 6,
        "duties": (
            "Sở Y tế: Chỉ đạo các đơn vị y tế trực thuộc phối hợp với địa phương triển "
            "khai các hoạt động truyền thông về vệ sinh cá nhân, vệ sinh môi trường và sử "
            "dụng nước sạch nông thôn trong lĩnh vực được phân công; phối hợp với Sở Lao "
            "động - Thương binh và Xã hội, Bảo hiểm xã hội tỉnh, các cơ quan liên quan "
            "hướng dẫn, hỗ trợ các địa phương thực hiện tuyên truyền tham gia bảo hiểm y "
            "tế; hướng dẫn thực hiện nội dung cải thiện dinh dưỡng thuộc Chương trình mục "
            "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025; chỉ đạo các cơ sở khám "
            "bệnh, chữa bệnh trên địa bàn tỉnh phối hợp với các tổ chức, cá nhân có chương "
            "trình khám, chữa bệnh từ thiện để tổ chức các đợt khám bệnh, chữa bệnh nhân "
            "đạo, cấp phát thuốc miễn phí cho người nghèo theo quy định."
        ),
        "requested": False,
    },
    {
        "unit": "SGDDT",
        "item": 7,
        "duties": (
            "Sở Giáo dục và Đào tạo: Chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
            "thực hiện chính sách miễn giảm học phí và hỗ trợ chi phí học tập cho trẻ em "
            "mẫu giáo, học sinh phổ thông thuộc hộ nghèo, cận nghèo, hộ thoát nghèo và học "
            "sinh ở vùng đặc biệt khó khăn; năm {year}, thực hiện đồng bộ và có hiệu quả các "
            "chính sách ưu đãi về giáo dục đối với trẻ mẫu giáo và học sinh phổ thông "
            "thuộc diện hộ nghèo, hộ cận nghèo, hộ thoát nghèo; phối hợp với các Sở, Ban, "
            "ngành, địa phương có liên quan trong việc giải quyết thiếu hụt về chỉ số tình "
            "trạng đi học của trẻ em và thiếu hụt về chỉ số trình độ giáo dục của người "
            "lớn từ các nguồn kinh phí theo quy định. Ngoài ra, xây dựng kế hoạch chi "
            "tiết, dự kiến nguồn kinh phí ngân sách tỉnh để thực hiện chính sách xóa tình "
            "trạng mù chữ, phổ cập giáo dục tại các địa bàn khó khăn; đào tạo, bồi dưỡng "
            "chuẩn hóa giáo viên, góp phần nâng cao chất lượng dạy học."
        ),
        "requested": False,
    },
    {
        "unit": "SXD",
        "item": 8,
        "duties": (
            "Sở Xây dựng: Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội, Ủy "
            "ban nhân dân các huyện Tuy Đức và Đắk Glong tổ chức thực hiện chính sách hỗ "
            "trợ về nhà ở đối với hộ nghèo, hộ cận nghèo trên địa bàn huyện nghèo theo "
            "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025; phối "
            "hợp với Sở Lao động - Thương binh và Xã hội, Ủy ban nhân dân các huyện, thành "
            "phố không thuộc huyện nghèo thực hiện thực hiện chính sách hỗ trợ về nhà ở "
            "theo quy định tại Nghị quyết số 11/2022/NQ-HĐND ngày 14/12/2022 của Hội đồng "
            "nhân dân tỉnh quy định một số chính sách thực hiện mục tiêu giảm nghèo bền "
            "vững giai đoạn 2023-2025 trên địa bàn tỉnh Đắk Nông; lồng ghép các chương "
            "trình của ngành với dự án thuộc Chương trình mục tiêu quốc gia giảm nghèo bền "
            "vững giai đoạn 2021-2025 liên quan (nếu có)."
        ),
        "requested": False,
    },
    {
        "unit": "STP",
        "item": 9,
        "duties": (
            "Sở Tư pháp: Chủ trì, phối hợp với các đơn vị, địa phương thực hiện nội dung "
            "trợ giúp pháp lý cho người nghèo theo quy định."
        ),
        "requested": False,
    },
    {
        "unit": "NHCSXH",
        "item": 10,
        "duties": (
            "Chi nhánh Ngân hàng chính sách xã hội tỉnh: Chủ trì, phối hợp với Sở Lao động "
            "- Thương binh và Xã hội, Ủy ban nhân dân các huyện, thành phố và đơn vị liên "
            "quan tổ chức quản lý, đảm bảo thực hiện cung cấp nguồn tín dụng ưu đãi cho hộ "
            "nghèo, hộ cận nghèo và các đối tượng chính sách theo đúng quy định."
        ),
        "requested": True,
    },
    {
        "unit": "CTK",
        "item": 11,
        "duties": (
            "Cục Thống kê tỉnh: Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội "
            "trong việc kiểm tra, giám sát, thẩm định kết quả rà soát hộ nghèo, hộ cận "
            "nghèo, hộ có mức sống trung bình năm {year}."
        ),
        "requested": True,
    },
    {
        "unit": "BHXH",
        "item": 12,
        "duties": (
            "Bảo hiểm xã hội tỉnh: Chủ trì, phối hợp với Sở Lao động - Thương binh và Xã "
            "hội, Sở Y tế thực hiện cấp thẻ Bảo hiểm y tế cho người nghèo, người cận "
            "nghèo, người thuộc hộ gia đình làm nông nghiệp, ngư nghiệp và diêm nghiệp có "
            "mức sống trung bình, đối tượng bảo trợ xã hội kịp thời, đảm bảo việc khám, "
            "chữa theo quy định."
        ),
        "requested": True,
    },
    # Item 13 names "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức đoàn thể tỉnh";
    # the organisations are those named in section IV.8.
    *(
        {"unit": code, "item": 13, "duties": _MASS_ORG_DUTIES, "requested": True}
        for code in ("MTTQ", "HND", "HCCB", "DOAN-TN", "HLHPN")
    ),
    # Item 14, "Ủy ban nhân dân các huyện, thành phố": one entry per district.
    *(
        {"unit": code, "item": 14, "duties": _DISTRICT_DUTIES, "requested": False}
        for code in (
            "KRONG-NO",
            "CU-JUT",
            "DAK-MIL",
            "DAK-SONG",
            "DAK-RLAP",
            "DAK-GLONG",
            "TUY-DUC",
            "GIA-NGHIA",
        )
    ),
]

# Section VI.15: sub-plans "trước ngày 31/3", reports every 6 months "trước ngày
# 15/6" and yearly "trước ngày 15/12", as (month, day).
DEADLINES = {"subplan": (3, 31), "six_month": (6, 15), "annual": (12, 15)}

# Section II.2 b), one row per district, in the seed's order ("start" = end of 2022
# survey, "end" = target for end of 2023). The seed gives poor households and rates,
# never total households, so households_start / households_end are DERIVED: for each
# district they are integers for which poor / households * 100, rounded half-up to two
# decimals, gives the seed's rate exactly, with households_end >= households_start,
# and whose sums over the eight districts give the province's 7.97% (13,342 /
# 167,383) and 4.97% (8,352 / 168,160). Each rate allows a range of integers; the
# values below were picked inside those ranges near poor / rate, rounded for
# readability. Krông Nô and Cư Jút only allow a small growth (their ranges barely
# overlap), Tuy Đức forces at least +1.5%, and the province's 4.97% caps Gia Nghĩa's
# end count at 20,657.
# poor_reduction_points is the "Giảm ... % trở lên" figure as the plan states it (a
# rounded minimum). It is NOT always the difference of the two rates: Krông Nô states
# 1 but 4.32 - 3.41 = 0.91; Đắk Song 1 vs 0.98; Tuy Đức 11.3 vs 11.28; Gia Nghĩa 0.2
# vs 0.16. A check comparing the two needs a tolerance of 0.1, not 0.01.
# The seed gives no near-poor or ethnic-minority figures per district.
TARGETS = [
    {
        "unit": "KRONG-NO",
        "households_start": 19680,
        "poor_start": 851,
        "poor_rate_start": Decimal("4.32"),
        "poor_reduction": 180,
        "poor_reduction_points": Decimal("1"),
        "poor_end": 671,
        "households_end": 19690,
        "poor_rate_end": Decimal("3.41"),
    },
    {
        "unit": "CU-JUT",
        "households_start": 22180,
        "poor_start": 1183,
        "poor_rate_start": Decimal("5.33"),
        "poor_reduction": 480,
        "poor_reduction_points": Decimal("2.2"),
        "poor_end": 703,
        "households_end": 22200,
        "poor_rate_end": Decimal("3.17"),
    },
    {
        "unit": "DAK-MIL",
        "households_start": 27950,
        "poor_start": 601,
        "poor_rate_start": Decimal("2.15"),
        "poor_reduction": 170,
        "poor_reduction_points": Decimal("0.6"),
        "poor_end": 431,
        "households_end": 27990,
        "poor_rate_end": Decimal("1.54"),
    },
    {
        "unit": "DAK-SONG",
        "households_start": 20470,
        "poor_start": 833,
        "poor_rate_start": Decimal("4.07"),
        "poor_reduction": 200,
        "poor_reduction_points": Decimal("1"),
        "poor_end": 633,
        "households_end": 20490,
        "poor_rate_end": Decimal("3.09"),
    },
    {
        "unit": "DAK-RLAP",
        "households_start": 24080,
        "poor_start": 590,
        "poor_rate_start": Decimal("2.45"),
        "poor_reduction": 170,
        "poor_reduction_points": Decimal("0.7"),
        "poor_end": 420,
        "households_end": 24140,
        "poor_rate_end": Decimal("1.74"),
    },
    {
        "unit": "DAK-GLONG",
        "households_start": 17700,
        "poor_start": 4545,
        "poor_rate_start": Decimal("25.68"),
        "poor_reduction": 2110,
        "poor_reduction_points": Decimal("12"),
        "poor_end": 2435,
        "households_end": 17800,
        "poor_rate_end": Decimal("13.68"),
    },
    {
        "unit": "TUY-DUC",
        "households_start": 15023,
        "poor_start": 4624,
        "poor_rate_start": Decimal("30.78"),
        "poor_reduction": 1650,
        "poor_reduction_points": Decimal("11.3"),
        "poor_end": 2974,
        "households_end": 15250,
        "poor_rate_end": Decimal("19.50"),
    },
    {
        "unit": "GIA-NGHIA",
        "households_start": 20300,
        "poor_start": 115,
        "poor_rate_start": Decimal("0.57"),
        "poor_reduction": 30,
        "poor_reduction_points": Decimal("0.2"),
        "poor_end": 85,
        "households_end": 20600,
        "poor_rate_end": Decimal("0.41"),
    },
]

# Section II.2 a). The household totals are the sums of the derived district counts.
PROVINCE_TOTAL = {
    "unit": "UBND-DNO",
    "households_start": 167383,
    "poor_start": 13342,
    "poor_rate_start": Decimal("7.97"),
    "poor_reduction": 4990,
    "poor_reduction_points": Decimal("3"),
    "poor_end": 8352,
    "households_end": 168160,
    "poor_rate_end": Decimal("4.97"),
    # Section II.1 b): the poverty rate among local ethnic minorities ("đồng bào dân
    # tộc thiểu số tại chỗ") is to fall by 5 points or more; no counts are given.
    "ethnic_minority_poor_reduction_points": Decimal("5"),
}

# --- The demo's cast (invented) ----------------------------------------------------------

# People of the demo, by unit code: (email local part, full name, roles).
PEOPLE = {
    "UBND-DNO": [("quantri", "Quản trị hệ thống", ["admin"]),
                 ("lanhdao", "Tôn Thị Ngọc Hạnh", ["observer"])],
    "SLDTBXH": [("truongphong.giamngheo", "Nguyễn Văn Bình", ["reviewer", "admin"]),
                ("chuyenvien.giamngheo", "Trần Thị Mai", ["reviewer"]),
                ("giamdoc", "Lê Văn Cường", ["head"])],
    "MTTQ": [("giamsat", "H'Hương Niê", ["observer"])],
    # A district's own administrator, as the province admin hands out: manages the
    # district's units and people, nothing above or beside it.
    "KRONG-NO": [("quantri.krong-no", "Đinh Văn Quý", ["admin"])],
}

# The poor districts (Dự án 1 of the programme): Tuy Đức and Đắk Glong (section VI.8).
POOR_DISTRICTS = {"DAK-GLONG", "TUY-DUC"}

# What each department's and organisation's budget carries: (catalog code, source cell,
# million VND), as their duties cost: monitoring, capacity, communication.
DEPARTMENT_BUDGET = {
    "SLDTBXH": [("DA4.TDA1", "central_recurrent", 1850), ("DA7.TDA1", "central_recurrent", 620),
                ("DA7.TDA2", "local_recurrent", 180)],
    "STTTT": [("DA6.TDA1", "central_recurrent", 540), ("DA6.TDA2", "central_recurrent", 310)],
    "SYT": [("DA3.TDA2", "central_recurrent", 760)],
    "SNNPTNT": [("DA2", "central_recurrent", 1240), ("DA2", "local_recurrent", 150)],
    "SKHDT": [("DA7.TDA2", "central_recurrent", 120)],
    "STC": [("DA7.TDA2", "local_recurrent", 60)],
    "SGDDT": [("DA7.TDA1", "central_recurrent", 90)],
    "SXD": [("DA5", "local_recurrent", 250)],
    "STP": [("DA6.TDA2", "local_recurrent", 40)],
    "NHCSXH": [("DA6.TDA2", "other", 30)],
    "CTK": [("DA7.TDA2", "central_recurrent", 150)],
    "BHXH": [("DA6.TDA2", "local_recurrent", 50)],
    "MTTQ": [("DA6.TDA2", "local_recurrent", 80)],
    "HND": [("DA2", "other", 200)],
    "HCCB": [("DA6.TDA2", "local_recurrent", 35)],
    "DOAN-TN": [("DA6.TDA2", "local_recurrent", 45)],
    "HLHPN": [("DA2", "other", 120)],
}

# A district whose sub-plan sets itself a smaller reduction than the plan's row (and
# explains it): the coordinating unit returns it because the targets do not match.
SHORT_OF_TARGET = {"DAK-RLAP": (20, ("Huyện đề xuất giảm {typed} hộ nghèo: {short} hộ nghèo do tai nạn, bệnh "
                                     "hiểm nghèo, khó có khả năng thoát nghèo trong năm."))}
