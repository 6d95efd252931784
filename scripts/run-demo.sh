#!/usr/bin/env bash
# make run: creates the demo database (once) and serves it on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${SAMVERKAN_DB:-demo.db}
data=${SAMVERKAN_DATA:-../shared/data}
listen=${SAMVERKAN_LISTEN:-127.0.0.1:8080}
if [[ ! -f $db ]]; then
  if [[ -d $data ]]; then
    ./samverkan demo --db "$db" --data "$data"
  else
    echo "(../shared/data saknas: demodatabasen får inbyggda exempel)"
    ./samverkan demo --db "$db"
  fi
else
  echo "Använder befintlig demodatabas $db (ta bort filen för att börja om)."
fi
cat <<MSG

Öppna http://$listen/ och logga in med en av demoanvändarna ovan, till exempel
  admin@exempel.se       Administratör
  analytiker@exempel.se  Urvalsanalytiker
  processtod@exempel.se  Processtödjare för Borås kommun och Ale kommun
  huvudman@exempel.se    Huvudman, Borås kommun
  rektor@exempel.se      Rektor, en av Borås kommuns skolor i samverkan
  larosate@exempel.se    Lärosäte, Karlstads universitet
Lösenord för alla: samverkan-demo-2026
(Adressen väljs med SAMVERKAN_LISTEN, till exempel SAMVERKAN_LISTEN=0.0.0.0:8080 make run.)

MSG
exec ./samverkan serve --db "$db" --listen "$listen"
