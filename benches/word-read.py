#!/usr/bin/env python3
"""Time to read a long Word file: writes a .docx of about 50 pages (300 paragraphs of
body text, 12 headings, 5 tables, 5 photos) and times `jianbao import` on it (which
reads the .docx exactly as a build does, without the layout), median of 7 runs.

    python3 benches/word-read.py [path/to/jianbao]   # default target/release/jianbao
"""
import io, os, statistics, subprocess, sys, tempfile, time, zipfile

jianbao = sys.argv[1] if len(sys.argv) > 1 else "target/release/jianbao"
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
SENT = "各地各部门坚持和发展新时代枫桥经验，网格化管理、精细化服务、信息化支撑的基层治理平台基本建成，"

def p(text, style=None, bold=False):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

def picture(rid):
    return ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5400000" cy="3600000"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')

def table(n):
    rows = ''.join('<w:tr>' + ''.join(f'<w:tc>{p(v)}</w:tc>' for v in (f"第{i}县", str(i * 37), f"{90 + i % 10}.5"))
                   + '</w:tr>' for i in range(1, n + 1))
    return f'<w:tbl>{rows}</w:tbl>'

# A gray JPEG made without any image library: the smallest valid baseline JPEG is
# not trivial, so take the repository's own photo.
here = os.path.dirname(os.path.abspath(__file__))
photo = open(os.path.join(here, "..", "issues", "gongzuo-tongxun-2026-09", "huichang.jpg"), "rb").read()

body, rels = [], []
for k in range(300):
    if k % 25 == 0:
        body.append(p(f"第{k // 25 + 1}部分工作情况", "Heading1"))
    body.append(p("\u3000\u3000" + SENT * 3 + "确保各项任务落到实处。"))
    if k % 60 == 30:
        body.append(table(12))
        rid = f"rIdImg{k}"
        rels.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{k}.jpeg"/>')
        body.append(picture(rid))
doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{"".join(body)}</w:body></w:document>'
styles = f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>'
rels_xml = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + '</Relationships>')

tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "long.docx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", doc)
    z.writestr("word/styles.xml", styles)
    z.writestr("word/_rels/document.xml.rels", rels_xml)
    for r in rels:
        target = r.split('Target="')[1].split('"')[0]
        z.writestr("word/" + target, photo)

times = []
for i in range(7):
    out = os.path.join(tmp, f"out{i}.md")
    t = time.perf_counter()
    subprocess.run([jianbao, "import", path, "-o", out], check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
chars = len(open(os.path.join(tmp, "out0.md"), encoding="utf-8").read())
print(f"{os.path.getsize(path) // 1024} KiB .docx, {chars} characters of Markdown out: "
      f"import median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f}) over 7 runs")
