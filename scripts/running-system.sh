#!/usr/bin/env bash
# Sourced by the scripts that talk to a running ./run.sh over HTTP (quickstart.sh, client-cost.sh),
# from the repository root, after they set `script` to their name for messages. Sets command_url,
# query_url and the organizer's credentials (organizer_user, organizer_password, and `organizer`,
# curl's -u option), and defines die, call and field. The credentials come from
# VELTRIX_ORGANIZER_USER / VELTRIX_ORGANIZER_PASSWORD, else from
# <VELTRIX_DATA_DIR>/veltrix-secrets.properties (the launcher's), as the launcher reads them; the
# ports from VELTRIX_COMMAND_PORT / VELTRIX_QUERY_PORT.

command_url=http://localhost:${VELTRIX_COMMAND_PORT:-8081}
query_url=http://localhost:${VELTRIX_QUERY_PORT:-8082}
secrets=${VELTRIX_DATA_DIR:-data}/veltrix-secrets.properties

die() {
  echo "$script: $*" >&2
  exit 1
}

# the value of KEY in the secrets file (generated values are plain letters and digits)
secret() {
  [[ -r $secrets ]] && sed -n "s/^$1=//p" "$secrets" | tail -n 1
  return 0
}

# call METHOD URL [curl options...]: prints the response body; stops the script unless it is a 2xx
call() {
  local method=$1 url=$2 response status
  shift 2
  response=$(curl -sS -X "$method" -w '\n%{http_code}' "$@" "$url") \
    || die "$method $url: no answer (is ./run.sh running, on these ports?)"
  status=${response##*$'\n'}
  [[ $status == 2?? ]] || die "$method $url answered $status: ${response%$'\n'*}"
  printf '%s' "${response%$'\n'*}"
}

# field NAME JSON: the value of a string field of a flat JSON object (ids and tokens hold no quotes)
field() {
  local value
  value=$(printf '%s' "$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p")
  [[ -n $value ]] || die "no \"$1\" in $2"
  printf '%s' "$value"
}

organizer_user=${VELTRIX_ORGANIZER_USER:-$(secret VELTRIX_ORGANIZER_USER)}
organizer_user=${organizer_user:-organizer}
organizer_password=${VELTRIX_ORGANIZER_PASSWORD:-$(secret VELTRIX_ORGANIZER_PASSWORD)}
[[ -n $organizer_password ]] \
  || die "no organizer password: set VELTRIX_ORGANIZER_PASSWORD, or start ./run.sh once so it writes $secrets"
organizer=(-u "$organizer_user:$organizer_password")
