-- How many of the catalogue's sorted deadline lengths w have passed, without a closure in time,
-- for deadlines running from the column {{arg}} (ms): w < min(asOf, earliest closure) − {{arg}}.
arrayCount(w -> w < least({asOfMs:Int64} - {{arg}}, if(has_closure, closed_ms - {{arg}}, 9223372036854775807)),
           {windows:Array(Int64)})
