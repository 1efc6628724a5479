#!/usr/bin/env bash
# Adds every symbol the build reports as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt.
# Usage: eng/update-public-api.sh src/RelationshipKit
set -euo pipefail
project_dir=${1:?project folder}
out=$(dotnet build "$project_dir" --no-incremental 2>&1 || true)
file="$project_dir/PublicAPI.Unshipped.txt"
printf '%s\n' "$out" | grep -o "RS0016: Symbol '[^']*'" | sed "s/RS0016: Symbol '//; s/'\$//" | sed 's/&lt;/</g; s/&gt;/>/g' >> "$file" || true
{ head -n1 "$file"; tail -n +2 "$file" | sort -u; } > "$file.tmp" && mv "$file.tmp" "$file"
printf '%s\n' "$out" | grep -E " error " | grep -v RS0016 | sed 's/ \[.*//' | sort -u || true
