dgSearchShard("v", [
["Vietnam","State","state/3a/VNM.html"]
], [
["vietnam","Vietnam",0,0],
["viet-nam","Socialist Republic of Viet Nam",0,22],
["viet-nam","Viet Nam",0,0]
]);
