"""Renders the golden pull request comment to HTML for docs/pr-comment.png.

Needs python3-markdown and chromium (Debian: apt-get install python3-markdown chromium
fonts-noto-color-emoji). From the repository root:

    python3 scripts/render-comment-image.py > /tmp/pr-comment.html
    chromium --headless=new --no-sandbox --hide-scrollbars --window-size=940,1130 \
      --screenshot=docs/pr-comment.png file:///tmp/pr-comment.html
"""
import re, markdown, sys
body = open('tests/integration/golden/pr-comment-destructive.md').read()
body = re.sub(r'<details( open)?>', lambda m: '<details markdown="1"%s>' % (m.group(1) or ''), body)
body = re.sub(r'<summary>(.*?)</summary>', r'<summary markdown="span">\1</summary>', body)
html = markdown.markdown(body, extensions=['tables', 'fenced_code', 'md_in_html'])
css = '''body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;max-width:860px;margin:16px auto;padding:16px 24px;border:1px solid #d0d7de;border-radius:6px}
code{background:#eff1f3;border-radius:4px;padding:.15em .3em;font-size:85%;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
pre{background:#f6f8fa;padding:12px;border-radius:6px;overflow:auto;font-size:12px}pre code{background:none;padding:0}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 10px}h3{margin-top:0}
a{color:#0969da;text-decoration:none}details{margin:8px 0}summary{cursor:pointer}sub{color:#59636e}
.hdr{color:#59636e;font-size:13px;border-bottom:1px solid #d0d7de;margin:-16px -24px 12px;padding:8px 24px;background:#f6f8fa}'''
sys.stdout.write('<!doctype html><meta charset="utf-8"><style>%s</style><body><div class="hdr"><b>github-actions</b> bot commented</div>%s</body>' % (css, html))
