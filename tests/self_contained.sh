#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The repository refers to nothing outside itself: no file names the outside specification the
# project was first described in (its documents and their sections), and every
# docs/reference/... path cited anywhere exists, as does every relative link (and its #anchor)
# of the Markdown files under docs/reference/. docs/reference/README.md says how the project
# names its sources instead.
#
#   bash tests/self_contained.sh <repo-root>
#
# The files checked are the git checkout's tracked and untracked-but-not-ignored files, or,
# outside a git checkout, every file under the root except .git, build*/, out/ and
# node_modules/. Binary files are skipped. Prints one line per finding (FILE:LINE: ...) and
# exits non-zero on any.
set -u
root=${1:?usage: self_contained.sh <repo-root>}
cd "$root" || exit 2

# TODO_FILES: files another change is rewriting, left out of the first check until it lands
# (empty: nothing is excluded).
TODO_FILES=()

# The outside names, each split in two so that this script does not match itself.
patterns=('shared''/spec' 'wire''-format' 'contract'' section' 'contract''.md' '..''/shared')

failures=0
fail() {
    echo "FAIL self_contained: $*"
    failures=$((failures + 1))
}

files=()
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    while IFS= read -r -d '' f; do
        [ -f "$f" ] && files+=("$f")
    done < <(git ls-files -z --cached --others --exclude-standard)
else
    while IFS= read -r -d '' f; do
        files+=("${f#./}")
    done < <(find . \( -name .git -o -name 'build*' -o -name out -o -name node_modules \) -prune -o -type f -print0)
fi
[ "${#files[@]}" -gt 0 ] || { fail "no files found under $root"; exit 1; }

checked=()
for f in "${files[@]}"; do
    skip=0
    for t in "${TODO_FILES[@]}"; do [ "$f" = "$t" ] && skip=1; done
    [ "$skip" -eq 0 ] && checked+=("$f")
done

# 1. No outside names, on one line or split at a line end ("contract" / "section 4").
grep_args=()
for p in "${patterns[@]}"; do grep_args+=(-e "$p"); done
while IFS= read -r hit; do
    fail "$hit"
done < <(printf '%s\0' "${checked[@]}" | xargs -0 grep -nIiF "${grep_args[@]}" -- 2> /dev/null)
while IFS= read -r hit; do
    fail "$hit"
done < <(printf '%s\0' "${checked[@]}" | xargs -0 awk '
    FNR == 1 { prev = "" }
    {
        line = tolower($0)
        if (prev ~ /contract[[:space:]]*$/ && line ~ /^[[:space:]]*(\/\/\/?|#|\*)?[[:space:]]*sections?[[:space:]]+[0-9]/)
            print FILENAME ":" FNR - 1 ": \"contract\" / \"section\" split over two lines"
        prev = line
    }' 2> /dev/null)

# 2. Every docs/reference/... path cited in any file exists (examples/drx.cpp included; a path
#    inside a URL, such as https://docs.example.com/docs/reference/x.html, is not a citation).
while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    path=docs/reference/${rest#*:*docs/reference/}
    while [ "${path%[.,;:)]}" != "$path" ]; do path=${path%[.,;:)]}; done
    [ -e "$path" ] || fail "$file:$line: cites $path, which does not exist"
done < <(printf '%s\0' "${files[@]}" | xargs -0 grep -noIE '(^|[^A-Za-z0-9_./-])docs/reference/[A-Za-z0-9_./-]*' -- 2> /dev/null)

# 3. The relative links of docs/reference/*.md exist, and so do their #anchors (GitHub's
#    heading ids: lower case, punctuation other than '-' and '_' dropped, spaces as '-').
anchors_of() {
    grep -E '^#{1,6} ' "$1" | sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}
shopt -s nullglob
for md in docs/reference/*.md; do
    while IFS= read -r hit; do
        line=${hit%%:*}
        target=${hit#*:}
        target=${target#](}
        target=${target%)}
        case "$target" in http://* | https://* | mailto:*) continue ;; esac
        file=${target%%#*}
        anchor=
        [ "$file" != "$target" ] && anchor=${target#*#}
        if [ -z "$file" ]; then
            dest=$md
        else
            dest=$(dirname "$md")/$file
        fi
        if [ ! -e "$dest" ]; then
            fail "$md:$line: links to $target, which does not exist"
        elif [ -n "$anchor" ]; then
            anchors_of "$dest" | grep -qxF -- "$anchor" || fail "$md:$line: links to $target: no such heading in $dest"
        fi
    done < <(grep -noE '\]\([^)]+\)' "$md")
done
[ -d docs/reference ] && [ -f docs/reference/README.md ] || fail "docs/reference/README.md is missing"

[ "$failures" -eq 0 ] && echo "self_contained: ${#checked[@]} files refer to nothing outside the repository"
[ "$failures" -eq 0 ]
