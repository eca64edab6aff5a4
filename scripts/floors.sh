#!/usr/bin/env bash
# The import graph between the top-level modules of src/ (from `crate::<module>` paths
# in code, comments left out, unit tests included), then a check that it has no cycle.
# Prints one line per module, "module -> what it uses", then each pair that import each
# other and any longer loop (from tsort). Exits 1 on a cycle. Usage: scripts/floors.sh
set -euo pipefail
cd "$(dirname "$0")/../src"

modules=$(ls | sed -n 's/\.rs$//p; /\./!p' | grep -vx -e lib -e main | sort -u)
edges=$(for m in $modules; do
  files=$( { [ -d "$m" ] && find "$m" -name '*.rs'; [ -f "$m.rs" ] && echo "$m.rs"; } || true)
  # shellcheck disable=SC2086 # one word per file
  sed -e 's#//.*##' $files | grep -o 'crate::[a-z_]*' | sed 's/^crate:://' | sort -u |
    while read -r used; do
      if [ "$used" != "$m" ] && grep -qx "$used" <<<"$modules"; then echo "$m $used"; fi
    done
done)

for m in $modules; do
  echo "$m -> $(awk -v m="$m" '$1 == m {print $2}' <<<"$edges" | tr '\n' ' ')"
done

status=0
back=$(awk '{ seen[$1 " " $2] = 1 } END { for (e in seen) { split(e, p, " "); if (p[1] < p[2] && seen[p[2] " " p[1]]) print p[1] " <-> " p[2] } }' <<<"$edges" | sort)
if [ -n "$back" ]; then
  echo "modules that import each other:"; sed 's/^/  /' <<<"$back"; status=1
fi
# tsort names the modules of a loop on stderr (one loop per run of it).
if ! loops=$( { tsort <<<"$edges" >/dev/null; } 2>&1); then
  echo "a loop between modules (tsort):"; sed 's/^/  /' <<<"$loops"; status=1
fi
[ "$status" = 0 ] && echo "no cycle between top-level modules"
exit "$status"
