#!/bin/bash
# A throwaway one-node Ceph with an S3 endpoint, for the tests (#20): 1 monitor, 1 OSD that keeps its
# data in memory (memstore, lost when it stops; no disk needed), no mgr, radosgw on PORT, auth off.
# All state under D. Debian 12's packages: ceph-mon ceph-osd radosgw (Pacific). Ready in ~12 s.
# Adapted from the recipe checked on this machine (../shared/recipes/one-node-ceph-s3.sh); the monitor's
# port is a parameter too, so two test files (or a developer's cluster) can run side by side.
#   D=<scratch folder> PORT=<free port> MON_PORT=<free port> harness/s3/ceph-s3.sh
# Prints one line `ready <url> <mon pid> <osd pid> <rgw pid>`; stop: kill the pids in $D/run/*.pid.
set -euo pipefail
D=${D:?set D to a scratch folder}
PORT=${PORT:-7480}
MON_PORT=${MON_PORT:-3300}
ACCESS_KEY=${ACCESS_KEY:-TESTACCESSKEY}
SECRET_KEY=${SECRET_KEY:-TESTSECRETKEY123}
rm -rf "$D"
mkdir -p "$D/run" "$D/log" "$D/rgw" "$D/mon.a" "$D/osd.0"
FSID=$(cat /proc/sys/kernel/random/uuid)
cat >"$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
# Without these radosgw loops on authentication and hangs for 300 s.
ms mon client mode = crc secure
ms client mode = crc secure
ms bind ipv6 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 5
osd crush chooseleaf type = 0
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
pid file = $D/run/\$name.pid
[mon]
mon data = $D/mon.\$id
[osd]
osd data = $D/osd.\$id
osd objectstore = memstore
memstore device bytes = 2147483648
[client.rgw.x]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $D/rgw
CONF
C=(-c "$D/ceph.conf")
monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-authtool --create-keyring "$D/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap" --keyring "$D/mon.keyring"
ceph-mon "${C[@]}" -i a
U=$(cat /proc/sys/kernel/random/uuid)
ID=$(timeout 30 ceph "${C[@]}" osd new "$U")
ceph-osd "${C[@]}" -i "$ID" --mkfs --osd-uuid "$U" 2>/dev/null
ceph-osd "${C[@]}" -i "$ID" 2>/dev/null
timeout 60 radosgw "${C[@]}" -n client.rgw.x
# Until the gateway listens (bash's /dev/tcp: no curl needed on a fresh machine).
for _ in $(seq 1 240); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.25
done
timeout 60 radosgw-admin "${C[@]}" user create --uid=test --display-name=Test \
  --access-key="$ACCESS_KEY" --secret="$SECRET_KEY" >/dev/null
echo "ready http://127.0.0.1:$PORT $(cat "$D/run/mon.a.pid") $(cat "$D/run/osd.$ID.pid") $(cat "$D/run/client.rgw.x.pid")"
