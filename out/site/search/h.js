dgSearchShard("h", [
["United Kingdom","State","state/08/GBR.html"],
["Greece","State","state/1b/GRC.html"]
], [
["hmg","HMG",0,0],
["hellenic-republic","Hellenic Republic",1,0]
]);
