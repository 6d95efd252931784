"""Writes an SIE4 file (PC8) of N vouchers, each a cost row on a mapped account and its
counter-entry on the bank account: 2·N transactions, N of them costs. With --csv, the
cost rows alone as CSV, for the baseline (sqlite3 .import of the same rows)."""
import sys

n = int(sys.argv[2])
accounts = ["4011", "5811", "6592", "8411", "6110", "6593"]
if len(sys.argv) > 3 and sys.argv[3] == "--csv":
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("booked_on,account,cost_centre,amount_ore,text,voucher\n")
        for i in range(n):
            f.write(f"2026-{i % 12 + 1:02d}-15,{accounts[i % 6]},SBS,{(i % 997 + 1) * 10050},Kostnad nr {i},A {i + 1}\n")
    sys.exit(0)
out = ["#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#PROGRAM "Ekonomisystemet" 1.0', '#FNAMN "Statens skolverk"',
       '#RAR 0 20260101 20261231']
for i in range(n):
    day = f"2026{i % 12 + 1:02d}15"
    amount = (i % 997 + 1) * 100.5
    out.append(f'#VER A {i + 1} {day} "Kostnad nr {i} för processtöd"')
    out.append("{")
    out.append(f'   #TRANS {accounts[i % 6]} {{1 "SBS"}} {amount:.2f}')
    out.append(f"   #TRANS 1930 {{}} {-amount:.2f}")
    out.append("}")
with open(sys.argv[1], "wb") as f:
    f.write(("\r\n".join(out) + "\r\n").encode("cp437"))
