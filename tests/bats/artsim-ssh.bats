#!/usr/bin/env bats
# artsim's map step across hosts, as researchers run it: GNU parallel over
# ssh (--sshlogin) on two logins, then the sort / reduce rounds, gives the
# bytes of the in-memory run.  The test starts a real sshd (Debian's
# openssh-server) on 127.0.0.1 and 127.0.0.2 at a high port, with a host
# key, a user key, authorized_keys and known_hosts of its own in the
# test's temporary directory; neither the machine's nor the user's ssh
# configuration is read or changed.  It stops the sshd it started.  When
# sshd cannot start, the test fails and says why: it never skips.

load common

SSHD=/usr/sbin/sshd	# sshd re-executes itself: an absolute path

setup() {
	set -o pipefail
	S=$T/ssh
	mkdir -p "$S"
	chmod 700 "$S"
}

teardown() {
	if [ -s "$S/sshd.pid" ]; then
		kill "$(cat "$S/sshd.pid")" 2>/dev/null || true
	fi
}

# start_sshd: start sshd on a free high port, set PORT and write the
# client's configuration to $S/config.  Fails with the reason.
start_sshd() {
	local user port tries
	user=$(id -un)
	[ -x "$SSHD" ] || { echo "no $SSHD: install openssh-server (tools/deps.sh)" >&2; return 1; }
	command -v ssh > /dev/null || { echo "no ssh: install openssh-client" >&2; return 1; }
	# As root sshd runs its unprivileged child in this empty directory,
	# which the package makes at boot (tmpfiles), not in a container.
	if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
		mkdir -p -m 755 /run/sshd || { echo "cannot make /run/sshd" >&2; return 1; }
	fi
	ssh-keygen -q -t ed25519 -N '' -C artkit-host -f "$S/host" || return 1
	ssh-keygen -q -t ed25519 -N '' -C artkit-user -f "$S/id" || return 1
	cp "$S/id.pub" "$S/authorized_keys"
	chmod 600 "$S/authorized_keys"
	# A port from the test's own number, then the next ones if taken.
	port=$((20000 + ($$ * 7) % 30000))
	for tries in 1 2 3 4 5 6 7 8; do
		cat > "$S/sshd_config" <<-EOF
		Port $port
		ListenAddress 127.0.0.1
		ListenAddress 127.0.0.2
		HostKey $S/host
		PidFile $S/sshd.pid
		AuthorizedKeysFile $S/authorized_keys
		AllowUsers $user
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		PermitRootLogin prohibit-password
		StrictModes no
		UsePAM no
		LogLevel VERBOSE
		EOF
		# sshd binds its ports before it goes to the background: a
		# port taken is an exit status here.
		if "$SSHD" -f "$S/sshd_config" -E "$S/sshd.log"; then
			PORT=$port
			break
		fi
		port=$((port + 1))
	done
	if [ -z "${PORT:-}" ]; then
		echo "sshd did not start:" >&2
		cat "$S/sshd.log" >&2
		return 1
	fi
	printf '[127.0.0.1]:%s,[127.0.0.2]:%s %s\n' "$PORT" "$PORT" \
	    "$(cut -d' ' -f1,2 "$S/host.pub")" > "$S/known_hosts"
	cat > "$S/config" <<-EOF
	Host 127.0.0.1 127.0.0.2
	    Port $PORT
	    User $user
	    IdentityFile $S/id
	    IdentitiesOnly yes
	    UserKnownHostsFile $S/known_hosts
	    GlobalKnownHostsFile /dev/null
	    StrictHostKeyChecking yes
	    BatchMode yes
	    ConnectTimeout 10
	EOF
	# Both logins answer, with the host key the test made.
	for h in 127.0.0.1 127.0.0.2; do
		if ! ssh -F "$S/config" "$h" true 2> "$S/ssh.err"; then
			echo "ssh to $h:$PORT failed:" >&2
			cat "$S/ssh.err" "$S/sshd.log" >&2
			return 1
		fi
	done
}

@test "the map step through parallel -S on two ssh logins, then the rounds, gives the in-memory pairs" {
	start_sshd
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
	artsim "$T/gen.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 50 ]
	# One job slot a login (no core count asked of the hosts); blocks of
	# 25 records, so each login gets several.  The remote shell finds
	# artsim by its absolute path and its data by ARTKIT_SHARE.
	parallel --ssh "ssh -F $S/config" -S 1/127.0.0.1,1/127.0.0.2 \
	    --env ARTKIT_SHARE --joblog "$T/jobs" --pipe -N 25 \
	    "$ARTKIT_BUILD/bin/artsim" --map < "$T/gen.jsonl" > "$T/map"
	# Both logins ran map jobs, and every job succeeded.
	awk -F'\t' 'NR > 1 { print $2 }' "$T/jobs" | sort -u > "$T/hosts"
	printf '127.0.0.1\n127.0.0.2\n' | cmp - "$T/hosts"
	[ "$(awk -F'\t' 'NR > 1 && $7 != 0' "$T/jobs" | wc -l)" -eq 0 ]
	# Through the sshd the test started, on both of its addresses.
	grep -q "on 127.0.0.1 port $PORT" "$S/sshd.log"
	grep -q "on 127.0.0.2 port $PORT" "$S/sshd.log"
	# The lines are those of one map process, in another order, but for
	# the line naming the options, which each map process writes once,
	# for the values of a key, which each process joins in a line of its
	# own, for the items' references, which each process numbers from a
	# base of its own, and for the pieces of texts, which each process
	# makes of its own items: split, without the references and the
	# pieces, they are the lines of a map without its buffer.
	[ "$(grep -c '^A' "$T/map")" -gt 1 ]
	[ "$(grep -c '^A' "$T/map")" -lt "$(wc -l < "$T/gen.jsonl")" ]
	norm() {
		awk -F '\t' 'function num(s,   k, v) { v = 0
				for (k = 1; k <= length(s); k++)
					v = v * 64 + index(D, substr(s, k, 1)) - 1
				return v }
		    /^[PB]/ { p = /^P/
			# after the base, the widths of the item numbers,
			# sizes and (P) probe keys, code digits, and a space
			w = num(substr($2, 12, 1)); wm = num(substr($2, 13, 1))
			wp = p ? num(substr($2, 14, 1)) : 0
			step = 3 + w + wm + wp
			for (i = 15 + p; i <= length($2); i += step)
				print $1 "\t" substr($2, i, 3) " " num(substr($2, i + 3 + w, wm)) (p ? " " num(substr($2, i + 3 + w + wm, wp)) : "")
			next }
		    /^U/ { next } { print }' D="-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz" | sort -u
	}
	cmp <(norm < "$T/map") <(artsim --map --map-buffer 0 "$T/gen.jsonl" | norm)
	sort "$T/map" | artsim --reduce | sort | artsim --reduce |
	    sort | artsim --reduce | sort | artsim --reduce > "$T/got"
	cmp "$T/want" "$T/got"
}
