"""A realistic province to import: ~25 departments, 10 districts of 15 communes, ~300 users."""
import csv

from openpyxl import Workbook

from app.tables import UNIT_COLUMNS, USER_COLUMNS

DEPARTMENTS = ["Sở Lao động - Thương binh và Xã hội", "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
               "Sở Nông nghiệp và Phát triển nông thôn", "Sở Thông tin và Truyền thông", "Sở Y tế",
               "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Tư pháp", "Sở Nội vụ", "Sở Công Thương",
               "Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Khoa học và Công nghệ", "Ban Dân tộc", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
               "Sở Ngoại vụ", "Ban Quản lý các khu công nghiệp", "Đài Phát thanh và Truyền hình",
               "Bảo hiểm xã hội tỉnh", "Cục Thống kê tỉnh", "Chi nhánh Ngân hàng Chính sách xã hội",
               "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
DISTRICTS = ["Krông Nô", "Cư Jút", "Đắk Mil", "Đắk Song", "Đắk R'Lấp", "Đắk Glong", "Tuy Đức", "Gia Nghĩa",
             "Ea Súp", "Buôn Đôn"]


def unit_rows():
    rows = [("TINH", "Ủy ban nhân dân tỉnh", "province", "", "vanthu@tinh.gov.vn")]
    for i, name in enumerate(DEPARTMENTS, start=1):
        kind = "organisation" if i > 21 else "department"
        rows.append((f"SO-{i:02d}", name, kind, "TINH", f"so{i:02d}@tinh.gov.vn; vanthu.so{i:02d}@tinh.gov.vn"))
    for d, name in enumerate(DISTRICTS, start=1):
        rows.append((f"H{d:02d}", f"Huyện {name}", "district", "TINH", f"huyen{d:02d}@tinh.gov.vn"))
        for c in range(1, 16):
            rows.append((f"H{d:02d}-X{c:02d}", f"Xã số {c} huyện {name}", "commune", f"H{d:02d}",
                         f"xa{c:02d}.h{d:02d}@tinh.gov.vn"))
    return rows


def user_rows():
    rows = [("quantri@tinh.gov.vn", "Quản trị tỉnh", "TINH", "admin"),
            ("giamngheo@tinh.gov.vn", "Nguyễn Văn Bình", "SO-01", "reviewer"),
            ("giamngheo@tinh.gov.vn", "Nguyễn Văn Bình", "SO-01", "admin")]
    for i in range(1, len(DEPARTMENTS) + 1):
        rows.append((f"thutruong.so{i:02d}@tinh.gov.vn", f"Thủ trưởng Sở {i}", f"SO-{i:02d}", "head"))
        rows.append((f"canbo.so{i:02d}@tinh.gov.vn", f"Cán bộ Sở {i}", f"SO-{i:02d}", "staff"))
    for d in range(1, len(DISTRICTS) + 1):
        rows.append((f"chutich.h{d:02d}@tinh.gov.vn", f"Chủ tịch huyện {d}", f"H{d:02d}", "head"))
        for c in range(1, 16):
            rows.append((f"chutich.h{d:02d}x{c:02d}@tinh.gov.vn", f"Chủ tịch xã {c}-{d}", f"H{d:02d}-X{c:02d}", "head"))
            if c <= 9:
                rows.append((f"canbo.h{d:02d}x{c:02d}@tinh.gov.vn", f"Cán bộ xã {c}-{d}", f"H{d:02d}-X{c:02d}",
                             "staff"))
    return rows


def write(path, columns, rows):
    header = [vi for _k, vi, _e in columns]
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    else:
        workbook = Workbook()
        workbook.active.append(header)
        for row in rows:
            workbook.active.append(list(row))
        workbook.save(path)
    return path


def write_units(path, rows=None):
    return write(path, UNIT_COLUMNS, unit_rows() if rows is None else rows)


def write_users(path, rows=None):
    return write(path, USER_COLUMNS, user_rows() if rows is None else rows)


# The Đắk Nông 2023 appendix (seed II.2 b), total households derived, see app/demo/dak_nong.py).
DAK_NONG_DISTRICTS = [("KRONG-NO", "Huyện Krông Nô"), ("CU-JUT", "Huyện Cư Jút"), ("DAK-MIL", "Huyện Đắk Mil"),
             ("DAK-SONG", "Huyện Đắk Song"), ("DAK-RLAP", "Huyện Đắk R'Lấp"), ("DAK-GLONG", "Huyện Đắk Glong"),
             ("TUY-DUC", "Huyện Tuy Đức"), ("GIA-NGHIA", "Thành phố Gia Nghĩa")]
HEADER = ["Đơn vị", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Số hộ giảm", "Tỷ lệ giảm (%)",
          "Tỷ lệ hộ nghèo cuối năm (%)", "Tổng số hộ cuối năm"]
# The appendix as a province would type it in Excel: numbers as numbers, rates as numbers.
APPENDIX = [
    ["Huyện Krông Nô", 19680, 851, 4.32, 180, 1, 3.41, 19690],
    ["Huyện Cư Jút", 22180, 1183, 5.33, 480, 2.2, 3.17, 22200],
    ["Huyện Đắk Mil", 27950, 601, 2.15, 170, 0.6, 1.54, 27990],
    ["Huyện Đắk Song", 20470, 833, 4.07, 200, 1, 3.09, 20490],
    ["Huyện Đắk R'Lấp", 24080, 590, 2.45, 170, 0.7, 1.74, 24140],
    ["Huyện Đắk Glong", 17700, 4545, 25.68, 2110, 12, 13.68, 17800],
    ["Huyện Tuy Đức", 15023, 4624, 30.78, 1650, 11.3, 19.5, 15250],
    ["Thành phố Gia Nghĩa", 20300, 115, 0.57, 30, 0.2, 0.41, 20600],
    ["Tổng cộng", 167383, 13342, 7.97, 4990, 3, 4.97, 168160],
]


def xlsx(path, rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# Near-poor households beside them, as an appendix prints them (invented for the tests: the
# seed gives none): at the start, rate, at the end, the fall in points, rate at the end.
# In Đắk Glong and Tuy Đức they grow (the poor who escape become near-poor).
NEAR_POOR_HEADER = ["Số hộ cận nghèo", "Tỷ lệ hộ cận nghèo (%)", "Số hộ cận nghèo cuối năm",
                    "Tỷ lệ hộ cận nghèo giảm (%)", "Tỷ lệ hộ cận nghèo cuối năm (%)"]
NEAR_POOR = {
    "Huyện Krông Nô": [1020, 5.18, 950, 0.36, 4.82],
    "Huyện Cư Jút": [1310, 5.91, 1250, 0.28, 5.63],
    "Huyện Đắk Mil": [940, 3.36, 900, 0.14, 3.22],
    "Huyện Đắk Song": [1105, 5.4, 1040, 0.32, 5.08],
    "Huyện Đắk R'Lấp": [760, 3.16, 730, 0.14, 3.02],
    "Huyện Đắk Glong": [2480, 14.01, 2620, -0.71, 14.72],
    "Huyện Tuy Đức": [2210, 14.71, 2330, -0.57, 15.28],
    "Thành phố Gia Nghĩa": [310, 1.53, 290, 0.12, 1.41],
    "Tổng cộng": [10135, 6.05, 10110, 0.04, 6.01],
}
FULL_HEADER = HEADER + NEAR_POOR_HEADER
FULL_APPENDIX = [row + NEAR_POOR[row[0]] for row in APPENDIX]
