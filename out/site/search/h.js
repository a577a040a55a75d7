dgSearchShard("h", [
["Greece","State","state/1b/GRC.html"]
], [
["hellenic-republic","Hellenic Republic",0,0]
]);
