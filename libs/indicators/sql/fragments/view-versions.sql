-- The cohort's rows of a signed view written after the snapshot's position (0 without one) and
-- recorded by asOf: a change is the old row with sign -1 and the new one with sign +1, so Σ sign over
-- both sources is 1 for a case (pair) live at asOf and 0 otherwise.
(
    SELECT *{{caseDims}}
    FROM {db:Identifier}.{{view}}_v1
    {{exploitationJoin}}
    WHERE {{> since-snapshot}}
      {{> cohort-filter}}
)
