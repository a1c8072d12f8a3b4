"""Builds src/rsca/core/fonts/NotoSansSC-Regular.ttf from npm `@fontsource/noto-sans-sc` 5.3.0 (SIL OFL 1.1).

Fontsource splits the font into ~100 unicode-range subsets for the web; WeasyPrint wants one file,
so the regular-weight subsets are merged back with fontTools. usage: python tools/build_cjk_font.py FILES_DIR OUT
"""

import glob
import os
import sys
import tempfile

from fontTools.merge import Merger
from fontTools.ttLib import TTFont


def main(files_dir: str, out: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for path in sorted(glob.glob(os.path.join(files_dir, "noto-sans-sc-*-400-normal.woff2"))):
            font = TTFont(path)
            font.flavor = None
            target = os.path.join(tmp, os.path.basename(path).replace(".woff2", ".ttf"))
            font.save(target)
            paths.append(target)
        Merger().merge(paths).save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
